using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.TabState;

/// <summary>
/// The start-up warning about Data Protection keys that will not outlive the process. Each case starts a
/// real host with AddLiveState; none reads or writes keys, so $HOME and what it holds play no part.
/// </summary>
public sealed class KeyRingStartupCheckTests : IDisposable
{
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("livestate-keys-");

    [Fact]
    public async Task Production_app_with_no_key_repository_is_warned_once_with_the_fix()
    {
        var warnings = await StartWarningsAsync(Environments.Production, _ => { });

        var warning = Assert.Single(warnings);
        Assert.Contains("Data Protection keys are not kept outside this process (no key repository is configured", warning, StringComparison.Ordinal);
        Assert.Contains("AddDataProtection().PersistKeysTo", warning, StringComparison.Ordinal);
        Assert.Contains("SetApplicationName", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_app_with_ephemeral_keys_is_warned()
    {
        var warnings = await StartWarningsAsync(Environments.Production, s => s.AddDataProtection().UseEphemeralDataProtectionProvider());

        Assert.Contains("ephemeral keys", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_app_that_persists_its_keys_is_not_warned()
    {
        var warnings = await StartWarningsAsync(Environments.Production, s => s.AddDataProtection().PersistKeysToFileSystem(_keys).SetApplicationName("Shop"));

        Assert.Empty(warnings);
    }

    [Fact]
    public async Task Development_app_is_not_warned()
    {
        var warnings = await StartWarningsAsync(Environments.Development, _ => { });

        Assert.Empty(warnings);
    }

    public void Dispose() => _keys.Delete(recursive: true);

    /// <summary>Starts and stops a host in <paramref name="environment"/>; the kit's warnings about keys.</summary>
    private static async Task<string[]> StartWarningsAsync(string environment, Action<IServiceCollection> configure)
    {
        var logs = new RecordingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Logging.AddProvider(logs);
        configure(builder.Services);
        builder.Services.AddLiveState();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        return [.. logs.Messages.Where(m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("Data Protection keys", StringComparison.Ordinal))];
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests;

/// <summary>What the tests' log recorder keeps: the kit's categories, not the machine's.</summary>
public sealed class RecordingLoggerProviderTests
{
    [Fact]
    public void Recorder_keeps_the_kits_categories_and_drops_the_frameworks()
    {
        var logs = new RecordingLoggerProvider();
        using var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)).BuildServiceProvider();
        var factory = services.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("Blazor.LiveState").LogWarning("binder");
        factory.CreateLogger("Blazor.LiveState.UrlState.UrlStateSynchronizer").LogWarning("synchronizer");
        // What a fresh machine's first Data Protection key logs, and a look-alike category.
        factory.CreateLogger("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager").LogWarning("No XML encryptor configured.");
        factory.CreateLogger("Blazor.LiveStateOther").LogWarning("not the kit");

        Assert.Equal(["Warning: binder", "Warning: synchronizer"], logs.Messages);
    }
}

using System.Globalization;
using System.Text;
using Blazor.LiveState.TabState;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.Testing;

public sealed class LiveStateBunitExtensionsTests
{
    private static readonly string CounterEntry = typeof(Counter).FullName!;

    [Fact]
    public void AddLiveState_lets_components_that_use_the_kit_render_with_the_given_options()
    {
        using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;

        ctx.AddLiveState(o => o.BuildVersion = "test-build");
        var cut = ctx.Render<BuildInfo>();

        Assert.Equal("test-build", cut.Find("[data-testid=build]").TextContent);
        Assert.Empty(ctx.JSInterop.Invocations);
    }

    [Fact]
    public void Tab_state_is_sealed_with_in_memory_keys_and_no_key_ring_is_written()
    {
        var keyRing = Directory.CreateTempSubdirectory("livestate-keyring-");
        try
        {
            using var ctx = new BunitContext();
            ctx.JSInterop.Mode = JSRuntimeMode.Strict;
            var logs = new RecordingLoggerProvider();
            ctx.Services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            // Where an app's key ring would live; a test must not depend on it (on a fresh machine its first
            // key is made there, with a warning).
            ctx.Services.AddDataProtection().PersistKeysToFileSystem(keyRing);
            ctx.AddLiveState();
            var tab = ctx.JSInterop.SetupTabState();

            var cut = ctx.Render<Counter>();
            cut.Find("button").Click();
            tab.WaitForWrites(1);

            Assert.IsType<EphemeralDataProtectionProvider>(ctx.Services.GetRequiredService<IDataProtectionProvider>());
            Assert.Empty(keyRing.EnumerateFileSystemInfos());
            Assert.DoesNotContain(logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal));
        }
        finally
        {
            keyRing.Delete(recursive: true);
        }
    }

    [Fact]
    public void Tab_state_sealed_in_one_test_context_does_not_open_in_another()
    {
        using var first = new BunitContext();
        first.AddLiveState();
        using var second = new BunitContext();
        second.AddLiveState();
        var identity = new TabIdentity("tab-1", "");
        var values = new Dictionary<string, byte[]> { ["Count"] = Encoding.UTF8.GetBytes(4.ToString(CultureInfo.InvariantCulture)) };
        var sealedByFirst = first.Services.GetRequiredService<TabStateSeal>().Seal(identity, CounterEntry, "test", values);

        var openedByFirst = first.Services.GetRequiredService<TabStateSeal>().Unseal(identity, CounterEntry, sealedByFirst, TimeSpan.FromHours(1));
        var openedBySecond = second.Services.GetRequiredService<TabStateSeal>().Unseal(identity, CounterEntry, sealedByFirst, TimeSpan.FromHours(1));

        Assert.Null(openedByFirst.Failure);
        Assert.NotNull(openedBySecond.Failure);
    }
}

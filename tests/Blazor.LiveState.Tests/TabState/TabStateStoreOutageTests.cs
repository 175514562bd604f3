using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.TabState;

/// <summary>
/// Tab state kept in a distributed cache whose reads fail at the moment a component restores (Redis that stopped
/// answering after the instance last passed its readiness check). What docs/tab-state.md says of that case.
/// </summary>
public sealed class TabStateStoreOutageTests : BunitContext
{
    private static readonly string TabId = new('a', 22);

    private readonly RecordingLoggerProvider _logs = new();
    private readonly InMemoryTabStateCache _cache = new();

    public TabStateStoreOutageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        this.AddLiveState(o => o.TabState.Storage = TabStateStorage.DistributedCache);
        Services.AddSingleton<IDistributedCache>(_cache);
        Services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        JSInterop.Setup<OpenedTab?>(LiveStateInterop.TabState.Open, _ => true).SetResult(new OpenedTab(TabId, [], null));
    }

    [Fact]
    public async Task A_store_unreadable_as_the_tab_restores_leaves_the_defaults_logged_and_the_next_change_saves_them_over_the_stored_state()
    {
        var first = Render<TabCounter>();
        first.Find("[data-testid=increment-and-label]").Click();
        await WhenSavedAsync(first);
        await DisposeComponentsAsync();

        _cache.ReadsFail = true;
        var second = Render<TabCounter>();

        Assert.Equal((0, ""), second.Instance.SeenInOnInitialized);
        Assert.Contains(_logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("could not be loaded from the distributed-cache store", StringComparison.Ordinal));

        _cache.ReadsFail = false;
        second.Find("[data-testid=increment]").Click();
        await WhenSavedAsync(second);
        await DisposeComponentsAsync();
        var third = Render<TabCounter>();

        // The label saved before the outage is gone: the change after it saved the default with the new count.
        Assert.Equal((1, ""), third.Instance.SeenInOnInitialized);
    }

    private Task WhenSavedAsync(IRenderedComponent<TabCounter> component) =>
        component.InvokeAsync(() => Services.GetRequiredService<TabStateSaver>().WhenSavedAsync());
}

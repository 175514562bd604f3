using Blazor.LiveState.Reconnect;
using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Tests.TabState;

/// <summary>
/// Tab state kept in a distributed cache whose reads fail at the moment a component restores (Redis that stopped
/// answering after the instance last passed its readiness check). What docs/tab-state.md says of that case: the page
/// reloads once an instance is ready rather than show the defaults or save them over the stored state.
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
    }

    [Fact]
    public async Task A_store_unreadable_as_a_known_tab_restores_has_the_page_reload_when_ready_and_neither_shows_nor_saves_the_defaults()
    {
        OpenAs(created: false);
        var reload = JSInterop.Setup<bool>(LiveStateInterop.ReloadWhenReady, _ => true);
        reload.SetResult(true);
        await SaveCountAndLabelAsync();
        var writesBefore = _cache.Writes.Count;

        _cache.ReadsFail = true;
        var during = Render<TabCounter>();

        // The component never initializes: no default on screen, nothing for a change to save.
        Assert.Null(during.Instance.SeenInOnInitialized);
        Assert.Empty(during.FindAll("[data-testid=count]"));
        var asked = Assert.Single(reload.Invocations);
        Assert.Equal(ConnectionOutcomes.TabStateUnavailable, asked.Arguments.Single());
        Assert.Contains(_logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("the page waits for an instance that can read it and reloads", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("components start from their defaults", StringComparison.Ordinal));
        // A second component of the same circuit waits too, without asking the page again.
        var other = Render<TabCounter>(p => p.Add(c => c.Key, "other"));
        Assert.Null(other.Instance.SeenInOnInitialized);
        Assert.Single(reload.Invocations);
        Assert.Equal(writesBefore, _cache.Writes.Count);

        // The reload, once the store answers: everything back.
        _cache.ReadsFail = false;
        await DisposeComponentsAsync();
        Assert.Equal((1, "clicked"), Render<TabCounter>().Instance.SeenInOnInitialized);
    }

    [Fact]
    public async Task A_page_that_cannot_be_asked_to_reload_starts_from_the_defaults_logged()
    {
        OpenAs(created: false);
        JSInterop.Setup<bool>(LiveStateInterop.ReloadWhenReady, _ => true).SetException(new JSException("BlazorLiveState.reloadWhenReady is not a function"));
        await SaveCountAndLabelAsync();

        _cache.ReadsFail = true;
        var during = Render<TabCounter>();

        Assert.Equal((0, ""), during.Instance.SeenInOnInitialized);
        Assert.Contains(_logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("could not be asked to reload", StringComparison.Ordinal) && m.Contains("is not a function", StringComparison.Ordinal));
        Assert.Contains(_logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("could not be loaded from the distributed-cache store", StringComparison.Ordinal) && m.Contains("components start from their defaults", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tab_the_browser_has_just_made_is_not_looked_up_in_the_store_so_an_outage_does_not_hold_it_up()
    {
        OpenAs(created: true);
        _cache.ReadsFail = true;

        var component = Render<TabCounter>();

        // Strict JS interop: asking the page to reload would throw here.
        Assert.Equal((0, ""), component.Instance.SeenInOnInitialized);
        Assert.DoesNotContain(_logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal));
    }

    private void OpenAs(bool created) =>
        JSInterop.Setup<OpenedTab?>(LiveStateInterop.TabState.Open, _ => true).SetResult(new OpenedTab(TabId, [], null, Created: created));

    private async Task SaveCountAndLabelAsync()
    {
        var first = Render<TabCounter>();
        first.Find("[data-testid=increment-and-label]").Click();
        await first.InvokeAsync(() => Services.GetRequiredService<TabStateSaver>().WhenSavedAsync());
        await DisposeComponentsAsync();
    }
}

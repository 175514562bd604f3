using System.Text.Json;
using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.TabState;

/// <summary>
/// A [TabState] save sent just before the connection drops may never reach the page, and the page would then
/// restore the value before it after the next reload. These tests play the page: it holds its answer back, as a
/// dropped connection does, and keeps what it is sent.
/// </summary>
public sealed class TabStateSaveCutOffTests : BunitContext
{
    private static readonly string CounterEntry = typeof(TabCounter).FullName!;
    private static readonly string TabId = new('a', 22);

    private readonly RecordingLoggerProvider _logs = new();
    private readonly PageWrites _page = new();

    public TabStateSaveCutOffTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        this.AddLiveState();
        Services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        Services.AddSingleton(new TabStateUsage(() => [typeof(TabCounter).Assembly]));
        JSInterop.Setup<OpenedTab?>(LiveStateInterop.TabState.Open, _ => true).SetResult(new OpenedTab(TabId, [], null));
        JSInterop.AddInvocationHandler(_page);
    }

    [Fact]
    public async Task Save_cut_off_by_a_dropped_connection_is_sent_again_when_the_connection_is_back()
    {
        var cut = Render<TabCounter>();
        _page.Answering = false;
        cut.Find("[data-testid=increment]").Click();
        await WhenPageHasReceivedAsync(cut, 1);

        await DropAndReconnectAsync(cut);

        await WhenPageHasReceivedAsync(cut, 2);
        Assert.Equal(1, SavedCount(_page.Received[^1]));
        Assert.Contains(_logs.Messages, m => m.Contains("cut off by the dropped connection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Change_made_after_a_resent_save_is_saved_after_it()
    {
        var cut = Render<TabCounter>();
        _page.Answering = false;
        cut.Find("[data-testid=increment]").Click();
        await WhenPageHasReceivedAsync(cut, 1);

        _page.Answering = true;
        await DropAndReconnectAsync(cut);
        await WhenPageHasReceivedAsync(cut, 2);
        cut.Find("[data-testid=increment]").Click();

        await WhenPageHasReceivedAsync(cut, 3);
        Assert.Equal(2, SavedCount(_page.Received[^1]));
    }

    [Fact]
    public async Task Connection_coming_back_with_every_save_answered_sends_nothing_again()
    {
        var cut = Render<TabCounter>();
        cut.Find("[data-testid=increment]").Click();
        await WhenPageHasReceivedAsync(cut, 1);
        await cut.InvokeAsync(() => Services.GetRequiredService<TabStateSaver>().WhenSavedAsync());

        await DropAndReconnectAsync(cut);
        await cut.InvokeAsync(() => Services.GetRequiredService<TabStateSaver>().WhenSavedAsync());

        Assert.Single(_page.Received);
    }

    private async Task DropAndReconnectAsync(IRenderedComponent<TabCounter> cut)
    {
        // Blazor raises both on the circuit's dispatcher.
        var handler = Assert.Single(Services.GetServices<CircuitHandler>().OfType<TabStateCircuitHandler>());
        await cut.InvokeAsync(() => handler.OnConnectionDownAsync(null!, CancellationToken.None));
        await cut.InvokeAsync(() => handler.OnConnectionUpAsync(null!, CancellationToken.None));
    }

    /// <summary>
    /// Waits until the page has been sent <paramref name="count"/> writes. A save renders nothing, so a wait that looks
    /// again only when the component renders (bUnit's <c>WaitForAssertion</c>) misses a write sent after the last
    /// render: on a busy machine it timed out with the write on its way.
    /// </summary>
    private async Task WhenPageHasReceivedAsync(IRenderedComponent<TabCounter> cut, int count)
    {
        // Read on the renderer's dispatcher, where the page's handler adds to the list.
        Task<int> ReceivedAsync() => cut.InvokeAsync(() => _page.Received.Count);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await ReceivedAsync() < count && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        Assert.Equal(count, await ReceivedAsync());
    }

    /// <summary>The counter's value in a sealed entry the page was sent.</summary>
    private int SavedCount(IReadOnlyDictionary<string, string> write)
    {
        var seal = Services.GetRequiredService<TabStateSeal>();
        var opened = seal.Unseal(new TabIdentity(TabId, ""), CounterEntry, WebEncoders.Base64UrlDecode(write[CounterEntry]), TimeSpan.FromHours(1));
        return JsonSerializer.Deserialize<int>(Assert.IsAssignableFrom<IReadOnlyDictionary<string, byte[]>>(opened.Values)["Count"]);
    }

    /// <summary>The page's side of <c>tabState.write</c>: keeps every write it is sent, and answers only while <see cref="Answering"/>.</summary>
    private sealed class PageWrites()
        : JSRuntimeInvocationHandlerBase<string?>(new InvocationMatcher(i => i.Identifier == LiveStateInterop.TabState.Write), isCatchAllHandler: false)
    {
        public bool Answering { get; set; } = true;

        public List<IReadOnlyDictionary<string, string>> Received { get; } = [];

        protected override Task<string?> HandleAsync(JSRuntimeInvocation invocation)
        {
            Received.Add(Assert.IsAssignableFrom<IReadOnlyDictionary<string, string>>(invocation.Arguments[0]));
            return Answering ? Task.FromResult<string?>(null) : new TaskCompletionSource<string?>().Task;
        }
    }
}

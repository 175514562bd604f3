using System.Text.Json;
using System.Text.Json.Serialization;
using Blazor.LiveState.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Blazor.LiveState.TabState;

/// <summary>
/// One per circuit: learns which tab and user this is, once, shared by every component. A circuit asks the
/// page (one round trip; the entries too large for it follow as a stream); a prerender knows the tab only from
/// a <see cref="ReloadHandoff"/>. The sealed entries the browser sends go to <see cref="BrowserTabEntries"/>.
/// Never throws: a tab that cannot be learned is logged, and the circuit has no tab state.
/// </summary>
internal sealed class TabHandshake(
    IJSRuntime js,
    LiveCircuit circuit,
    ReloadHandoff handoff,
    BrowserTabEntries browserEntries,
    ITabStateStore store,
    IOptions<LiveStateOptions> options,
    IServiceProvider services,
    ILogger<TabHandshake> logger)
{
    // Well over what sessionStorage can hold for one tab: anything bigger is not the server's doing.
    private const int MaxBrowserEntries = 500;

    private Task<TabIdentity?>? _identity;

    private TimeSpan LoadTimeout => options.Value.TabState.LoadTimeout;

    /// <summary>
    /// Whether this prerender knows the tab (a reload's hand-off) and so can restore tab state; the circuit always
    /// can.
    /// </summary>
    public bool CanRestore => circuit.IsInteractive || handoff.Tab is not null;

    /// <summary>Which tab and user this circuit serves, or null when that could not be learned (logged). Asked once.</summary>
    public Task<TabIdentity?> IdentityAsync() => _identity ??= circuit.IsInteractive ? AskWhichTabAsync() : HandedOffTabAsync();

    /// <summary>The tab a reloading page handed to this prerender, for the signed-in user of this request; else none.</summary>
    private async Task<TabIdentity?> HandedOffTabAsync()
    {
        if (handoff.Tab is not { } tab)
        {
            return null;
        }

        try
        {
            var identity = new TabIdentity(tab.Id, await UserAsync(), tab.ForkedFrom);
            browserEntries.Receive(tab.Entries);
            return identity;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            TabStateLog.LoadFailed(logger, store.Name, "the signed-in user could not be read", e);
            return null;
        }
    }

    /// <summary>
    /// Asks the page which tab this is (its id, the tab it was copied from, its entries), then looks up the
    /// signed-in user; null when either cannot be had or the answer is malformed (logged).
    /// </summary>
    private async Task<TabIdentity?> AskWhichTabAsync()
    {
        OpenedTab? opened;
        try
        {
            using var timeout = new CancellationTokenSource(LoadTimeout);
            opened = await js.InvokeAsync<OpenedTab?>(LiveStateInterop.TabState.Open, timeout.Token, TabStateLimits.InlineBudget);
        }
        catch (JSException e)
        {
            // The browser's own message, as one short line: it is the browser's text, not the server's.
            TabStateLog.LoadFailed(logger, "browser", $"the browser did not say which tab this is: {LogText.FromBrowser(e.Message, 80)}", null);
            return null;
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException or System.Text.Json.JsonException)
        {
            TabStateLog.LoadFailed(logger, "browser", "the browser did not say which tab this is", e);
            return null;
        }

        if (opened?.Id is not { } id || !TabIdentity.IsWellFormedId(id) || opened.Entries is { Count: > MaxBrowserEntries } || opened.Withheld is < 0 or > MaxBrowserEntries)
        {
            if (opened?.Error is { } error)
            {
                TabStateLog.LoadFailed(logger, "browser", $"sessionStorage: {LogText.FromBrowser(error, 60)}", null);
            }
            else
            {
                TabStateLog.BadIdentity(logger);
            }

            return null;
        }

        var entries = opened.Withheld > 0 ? await WithStreamedEntriesAsync(opened.Entries, opened.Withheld) : opened.Entries;
        if (entries is { Count: > MaxBrowserEntries })
        {
            TabStateLog.BadIdentity(logger);
            return null;
        }

        string user;
        try
        {
            user = await UserAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Without the user, state could open for the wrong one: no tab state in this circuit, and no broken render.
            TabStateLog.LoadFailed(logger, store.Name, "the signed-in user could not be read", e);
            return null;
        }

        // A copied tab's original, if well formed; anything else means no copy.
        var original = opened.ForkedFrom is { } forkedFrom && TabIdentity.IsWellFormedId(forkedFrom) && forkedFrom != id ? forkedFrom : null;
        browserEntries.Receive(entries ?? new Dictionary<string, string>());
        return new TabIdentity(id, user, original) { IsNew = opened.Created && original is null };
    }

    /// <summary>
    /// Adds the entries the browser left out of its first answer, read as a stream: Blazor sends it in chunks
    /// that fit SignalR's message limit, which one large entry alone can be over. When they cannot be read
    /// (logged), the entries that came in the first answer still restore.
    /// </summary>
    private async Task<Dictionary<string, string>> WithStreamedEntriesAsync(Dictionary<string, string>? inline, int withheld)
    {
        var entries = inline ?? new Dictionary<string, string>(StringComparer.Ordinal);
        IJSStreamReference? reference = null;
        try
        {
            using var timeout = new CancellationTokenSource(LoadTimeout);
            reference = await js.InvokeAsync<IJSStreamReference>(LiveStateInterop.TabState.Rest, timeout.Token, TabStateLimits.InlineBudget);
            await using var stream = await reference.OpenReadStreamAsync(TabStateLimits.MaxStreamedBytes, timeout.Token);
            var streamed = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(stream, cancellationToken: timeout.Token);
            foreach (var (entryKey, token) in streamed ?? [])
            {
                entries.TryAdd(entryKey, token);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = e switch
            {
                OperationCanceledException => $"no answer within {LoadTimeout.TotalSeconds:0.#} s",
                JSException browserError => LogText.FromBrowser(browserError.Message, 80),
                ArgumentOutOfRangeException => $"more than {TabStateLimits.MaxStreamedBytes} bytes",
                _ => e.GetType().Name,
            };
            TabStateLog.LoadFailed(logger, "browser", $"{withheld} larger entries could not be read from the browser ({reason}); the others restore", e);
        }
        finally
        {
            await DisposeQuietlyAsync(reference);
        }

        return entries;
    }

    private static async ValueTask DisposeQuietlyAsync(IJSStreamReference? reference)
    {
        try
        {
            await (reference?.DisposeAsync() ?? ValueTask.CompletedTask);
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            // The circuit went away first: the browser drops the reference with it.
        }
    }

    /// <summary>The signed-in user's id (else name), or empty for anonymous users.</summary>
    private Task<string> UserAsync() => SignedInUser.IdAsync(services);
}

/// <summary>
/// What the browser answers when asked which tab this is: its id, (browser storage) its sealed entries that fit
/// in <see cref="TabStateLimits.InlineBudget"/> and how many more it holds, for a duplicated tab the id of
/// the tab it was copied from, and whether it made the id just now (a new tab).
/// </summary>
internal sealed record OpenedTab(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("entries")] Dictionary<string, string>? Entries,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("forkedFrom")] string? ForkedFrom = null,
    [property: JsonPropertyName("withheld")] int Withheld = 0,
    [property: JsonPropertyName("created")] bool Created = false);

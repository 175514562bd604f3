using System.Text.Json;
using System.Text.Json.Serialization;
using Blazor.LiveState.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Blazor.LiveState.TabState;

/// <summary>
/// One per circuit: learns which tab and user this is (one round trip, shared by every component), loads
/// and unseals each component's saved state, and saves changed state after the event that changed it,
/// merged into one write per batch. Never throws to the app: every failure is logged and the defaults stay.
/// While prerendering (no browser to ask) it knows the tab only from a <see cref="ReloadHandoff"/>, and only loads.
/// </summary>
internal sealed class TabStateSession(
    IJSRuntime js,
    LiveCircuit circuit,
    ReloadHandoff handoff,
    ITabStateStore store,
    BrowserTabEntries browserEntries,
    TabStateSeal seal,
    AppBuild build,
    IOptions<LiveStateOptions> options,
    LiveStateMetrics metrics,
    IServiceProvider services,
    ILogger<TabStateSession> logger) : IDisposable
{
    // Well over what sessionStorage can hold for one tab: anything bigger is not the server's doing.
    private const int MaxBrowserEntries = 500;

    private readonly Dictionary<string, IReadOnlyDictionary<string, byte[]>> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warnedTooLarge = new(StringComparer.Ordinal);
    private Task<TabIdentity?>? _identity;
    private Task _saving = Task.CompletedTask;
    private bool _flushScheduled;
    private bool _saveFailing;

    // Cancelled when the circuit's connection drops: a save sent over it is never answered, and waiting for its
    // timeout would hold back every save after it.
    private CancellationTokenSource _connection = new();
    private bool _disposed;

    private TabStateOptions Options => options.Value.TabState;

    /// <summary>
    /// Learns which tab and user this circuit serves, once; later loads and saves reuse it. Completes when
    /// known or given up on (logged), never throws.
    /// </summary>
    public Task OpenAsync() => IdentityAsync();

    /// <summary>Completes when every save asked for so far has been written (or has failed and been logged).</summary>
    public Task WhenSavedAsync() => _saving;

    /// <summary>The saved values of one component (by name), or null when there are none or they were dropped.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>?> LoadAsync(string entryKey)
    {
        using var activity = LiveStateActivities.Source.StartActivity("livestate.tabstate.load");
        activity?.SetTag("livestate.tabstate.entry", entryKey).SetTag("livestate.tabstate.store", store.Name);
        var restored = await LoadCoreAsync(entryKey);
        activity?.SetTag("livestate.tabstate.restored", restored is not null);
        return restored;
    }

    private async Task<IReadOnlyDictionary<string, byte[]>?> LoadCoreAsync(string entryKey)
    {
        var tab = await IdentityAsync();
        if (tab is null)
        {
            return null;
        }

        var opened = await OpenEntryAsync(tab, entryKey);
        if (opened is { Values: null } && tab.Original is { } original)
        {
            // A duplicated tab: what it has not saved under its own id yet is still the original's.
            var copied = await OpenEntryAsync(original, entryKey);
            if (copied is { Values: not null })
            {
                TabStateLog.CopiedFromOriginalTab(logger, entryKey);
                // Saved again under this tab's id (by the circuit: a prerender writes nothing): from now on the
                // two tabs each have their own.
                if (circuit.IsInteractive)
                {
                    Save(entryKey, copied.Values!);
                }

                opened = copied;
            }
        }

        switch (opened)
        {
            case null:
                return null;
            case { Values: { } values }:
                TabStateLog.Restored(logger, entryKey, values.Count, opened.Build!);
                CountRestore("restored");
                return values;
            case { MissingKey: { } keyId }:
                TabStateLog.SealedWithMissingKey(logger, entryKey, keyId);
                CountRestore("dropped", TabStateDropReasons.UnknownKey);
                return null;
            case { Failure: { } failure }:
                return Drop(entryKey, failure, opened.DropReason ?? TabStateDropReasons.Invalid);
            default:
                CountRestore("none");
                return null;
        }
    }

    /// <summary>
    /// Loads and unseals one entry of <paramref name="tab"/>: its values, why they do not open, or
    /// <see cref="UnsealResult.None"/>; null when the store could not be read (logged and counted).
    /// </summary>
    private async Task<UnsealResult?> OpenEntryAsync(TabIdentity tab, string entryKey)
    {
        byte[]? sealedState;
        try
        {
            using var timeout = new CancellationTokenSource(Options.LoadTimeout);
            sealedState = await store.LoadAsync(tab, entryKey, timeout.Token).AsTask().WaitAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            TabStateLog.LoadFailed(logger, store.Name, e is OperationCanceledException ? $"no answer within {Options.LoadTimeout.TotalSeconds:0.#} s" : e.Message, e);
            CountRestore("unavailable");
            return null;
        }

        if (sealedState is null)
        {
            return UnsealResult.None;
        }

        // A token far bigger than anything the server seals is tampered with: do not even try it.
        return sealedState.Length > (Options.MaxStateBytes * 2) + 4096
            ? UnsealResult.Failed($"{sealedState.Length} bytes, larger than anything this app seals", TabStateDropReasons.Invalid)
            : seal.Unseal(tab, entryKey, sealedState, Options.TimeToLive);
    }

    /// <summary>Saves one component's values (by name) after the current event; a later call for the same entry wins.</summary>
    public void Save(string entryKey, IReadOnlyDictionary<string, byte[]> values)
    {
        _dirty[entryKey] = values;
        ScheduleFlush();
    }

    /// <summary>
    /// The circuit lost its connection: a save still waiting for the browser's answer is given up at once and
    /// kept for <see cref="ConnectionUp"/>, which sends it again.
    /// </summary>
    public void ConnectionDown()
    {
        if (!_disposed)
        {
            _connection.Cancel();
        }
    }

    /// <summary>
    /// The circuit has a connection (its first, or again after a drop): saves that a dropped connection cut off
    /// go out now, so that a reload after the next outage restores the latest values, not the ones before them.
    /// </summary>
    public void ConnectionUp()
    {
        if (_disposed)
        {
            return;
        }

        if (_connection.IsCancellationRequested)
        {
            _connection.Dispose();
            _connection = new CancellationTokenSource();
        }

        if (_dirty.Count > 0)
        {
            ScheduleFlush();
        }
    }

    private void ScheduleFlush()
    {
        if (!_flushScheduled)
        {
            _flushScheduled = true;
            _saving = FlushAfterAsync(_saving);
        }
    }

    private async Task FlushAfterAsync(Task previous)
    {
        await previous;
        // After the event and its render: every change it made goes out in one write.
        await Task.Yield();
        _flushScheduled = false;
        try
        {
            await FlushAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Sealing failed (Data Protection keys unreadable, say): the app keeps working without saves.
            TabStateLog.SaveFailed(logger, store.Name, e.Message, e);
        }
    }

    private async Task FlushAsync()
    {
        // After the circuit's scope is gone there is no page left to save to.
        if (_dirty.Count == 0 || _disposed)
        {
            return;
        }

        var batch = new Dictionary<string, IReadOnlyDictionary<string, byte[]>>(_dirty, StringComparer.Ordinal);
        _dirty.Clear();
        var tab = await IdentityAsync();
        if (tab is null)
        {
            return;
        }

        var sealedEntries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (entryKey, values) in batch)
        {
            var sealedState = seal.Seal(tab, entryKey, build.Version, WithinLimit(entryKey, values));
            sealedEntries[entryKey] = sealedState;
            metrics.TabStateSaved(store.Name, sealedState.Length);
        }

        if (sealedEntries.Count == 0)
        {
            return;
        }

        using var activity = LiveStateActivities.Source.StartActivity("livestate.tabstate.save");
        activity?.SetTag("livestate.tabstate.store", store.Name)
            .SetTag("livestate.tabstate.entries", sealedEntries.Count)
            .SetTag("livestate.tabstate.bytes", sealedEntries.Values.Sum(v => v.Length));
        if (_disposed)
        {
            return;
        }

        var connection = _connection.Token;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection);
            timeout.CancelAfter(Options.LoadTimeout);
            await store.SaveAsync(tab, sealedEntries, timeout.Token).AsTask().WaitAsync(timeout.Token);
            if (_saveFailing)
            {
                _saveFailing = false;
                TabStateLog.SaveRecovered(logger, store.Name);
            }
        }
        catch (Exception e) when (e is JSDisconnectedException || connection.IsCancellationRequested)
        {
            // Cut off by the dropped connection (or the circuit going away): whether the browser got it is unknown,
            // so it goes out again once a connection is up; values changed since then are newer and win.
            KeepForNextSave(batch);
            TabStateLog.SaveCutOff(logger, sealedEntries.Count);
            if (!_connection.IsCancellationRequested)
            {
                // The connection came back while this save waited: nothing else would send it.
                ScheduleFlush();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The next save (after the next change) tries these again.
            KeepForNextSave(batch);
            metrics.TabStateSaveFailed(store.Name);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            // Once per outage, not once per click.
            if (!_saveFailing)
            {
                _saveFailing = true;
                TabStateLog.SaveFailed(logger, store.Name, e is OperationCanceledException ? "no answer in time" : e.Message, e);
            }
        }
    }

    private void KeepForNextSave(Dictionary<string, IReadOnlyDictionary<string, byte[]>> batch)
    {
        foreach (var (entryKey, values) in batch)
        {
            _dirty.TryAdd(entryKey, values);
        }
    }

    /// <summary>
    /// The values of one component that fit in <see cref="TabStateOptions.MaxStateBytes"/> together,
    /// smallest first: a value that does not fit is left out alone (it restores as its default) and named in
    /// a warning, once until it fits again, and the component's other values are still saved.
    /// </summary>
    private Dictionary<string, byte[]> WithinLimit(string entryKey, IReadOnlyDictionary<string, byte[]> values)
    {
        var kept = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var total = 0;
        foreach (var (name, data) in values.OrderBy(v => v.Key.Length + v.Value.Length).ThenBy(v => v.Key, StringComparer.Ordinal))
        {
            var size = name.Length + data.Length;
            var warnedKey = entryKey + "\n" + name;
            if (total + size <= Options.MaxStateBytes)
            {
                kept[name] = data;
                total += size;
                _warnedTooLarge.Remove(warnedKey);
            }
            else if (_warnedTooLarge.Add(warnedKey))
            {
                TabStateLog.ValueTooLarge(logger, entryKey, name, size, Options.MaxStateBytes - total, Options.MaxStateBytes);
            }
        }

        return kept;
    }

    // A prerender from a reload's hand-off restores what the circuit then restores again: one restore per page view.
    private void CountRestore(string outcome, string? reason = null)
    {
        if (circuit.IsInteractive)
        {
            metrics.TabStateRestore(outcome, reason);
        }
    }

    private IReadOnlyDictionary<string, byte[]>? Drop(string entryKey, string reason, string dropReason)
    {
        TabStateLog.Dropped(logger, entryKey, reason);
        CountRestore("dropped", dropReason);
        return null;
    }

    private Task<TabIdentity?> IdentityAsync() => _identity ??= circuit.IsInteractive ? AskWhichTabAsync() : HandedOffTabAsync();

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
    /// Whether this prerender knows the tab (a reload's hand-off) and so can restore tab state; the circuit always
    /// can.
    /// </summary>
    public bool CanRestore => circuit.IsInteractive || handoff.Tab is not null;

    private async Task<TabIdentity?> AskWhichTabAsync()
    {
        OpenedTab? opened;
        try
        {
            using var timeout = new CancellationTokenSource(Options.LoadTimeout);
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

        if (opened?.Id is not { } id || !IsTabId(id) || opened.Entries is { Count: > MaxBrowserEntries } || opened.Withheld is < 0 or > MaxBrowserEntries)
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
        var original = opened.ForkedFrom is { } forkedFrom && IsTabId(forkedFrom) && forkedFrom != id ? forkedFrom : null;
        browserEntries.Receive(entries ?? new Dictionary<string, string>());
        return new TabIdentity(id, user, original);
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
            using var timeout = new CancellationTokenSource(Options.LoadTimeout);
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
                OperationCanceledException => $"no answer within {Options.LoadTimeout.TotalSeconds:0.#} s",
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

    /// <summary>Ends the session with its circuit's scope.</summary>
    public void Dispose()
    {
        _disposed = true;
        _connection.Dispose();
    }

    internal static bool IsTabId(string id) =>
        id.Length is >= 22 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>
/// What the browser answers when asked which tab this is: its id, (browser storage) its sealed entries that fit
/// in <see cref="TabStateLimits.InlineBudget"/> and how many more it holds, and for a duplicated tab the id of
/// the tab it was copied from.
/// </summary>
internal sealed record OpenedTab(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("entries")] Dictionary<string, string>? Entries,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("forkedFrom")] string? ForkedFrom = null,
    [property: JsonPropertyName("withheld")] int Withheld = 0);

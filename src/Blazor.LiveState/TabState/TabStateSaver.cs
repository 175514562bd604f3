using Blazor.LiveState.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Blazor.LiveState.TabState;

/// <summary>
/// One per circuit: seals and saves changed component state after the event that changed it, every component
/// of the batch in one write, each within <see cref="TabStateOptions.MaxStateBytes"/>, counted and traced. A save
/// a dropped connection cut off goes out again on the next connection. Never throws to the app: a save that
/// fails is logged once per outage and tried again with the next one.
/// </summary>
internal sealed class TabStateSaver(
    TabHandshake handshake,
    ITabStateStore store,
    TabStateSeal seal,
    AppBuild build,
    IOptions<LiveStateOptions> options,
    LiveStateMetrics metrics,
    ILogger<TabStateSaver> logger) : IDisposable
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, byte[]>> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warnedTooLarge = new(StringComparer.Ordinal);
    private Task _saving = Task.CompletedTask;
    private bool _flushScheduled;
    private bool _saveFailing;

    // Cancelled when the circuit's connection drops: a save sent over it is never answered, and waiting for its
    // timeout would hold back every save after it.
    private CancellationTokenSource _connection = new();
    private bool _disposed;

    private TabStateOptions Options => options.Value.TabState;

    /// <summary>Completes when every save asked for so far has been written (or has failed and been logged).</summary>
    public Task WhenSavedAsync() => _saving;

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
        var tab = await handshake.IdentityAsync();
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

    /// <summary>Ends the saves with the circuit's scope.</summary>
    public void Dispose()
    {
        _disposed = true;
        _connection.Dispose();
    }
}

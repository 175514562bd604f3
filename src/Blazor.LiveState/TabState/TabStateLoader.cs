using Blazor.LiveState.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.TabState;

/// <summary>
/// One per circuit: loads and unseals each component's saved state for the tab the <see cref="TabHandshake"/>
/// learned; a duplicated tab gets what its original saved, copied under its own id. Never throws: state that
/// cannot be opened is logged and counted, and the component keeps its defaults; a store that cannot be read has the
/// page reload once an instance is ready (<see cref="StoreUnreadableAsync"/>).
/// </summary>
internal sealed class TabStateLoader(
    TabHandshake handshake,
    ITabStateStore store,
    TabStateSeal seal,
    TabStateSaver saver,
    LiveCircuit circuit,
    StoreOutageReload reload,
    IOptions<LiveStateOptions> options,
    LiveStateMetrics metrics,
    ILogger<TabStateLoader> logger)
{
    private TabStateOptions Options => options.Value.TabState;

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
        var tab = await handshake.IdentityAsync();
        if (tab is null)
        {
            return null;
        }

        if (tab.IsNew)
        {
            // The browser made this id just now: nothing can be stored under it, so the store is not asked.
            CountRestore("none");
            return null;
        }

        var read = await ReadEntryAsync(tab, entryKey);
        if (read.Opened is { Values: null } && tab.Original is { } original)
        {
            // A duplicated tab: what it has not saved under its own id yet is still the original's.
            var copied = await ReadEntryAsync(original, entryKey);
            if (copied.Opened is { Values: not null })
            {
                TabStateLog.CopiedFromOriginalTab(logger, entryKey);
                // Saved again under this tab's id (by the circuit: a prerender writes nothing): from now on the
                // two tabs each have their own.
                if (circuit.IsInteractive)
                {
                    saver.Save(entryKey, copied.Opened.Values!);
                }
            }

            // The original's values, or its store failure: either decides what this tab shows.
            if (copied.Opened is not { Values: null })
            {
                read = copied;
            }
        }

        switch (read.Opened)
        {
            case null:
                return await StoreUnreadableAsync(read.Failure!, read.Error);
            case { Values: { } values }:
                TabStateLog.Restored(logger, entryKey, values.Count, read.Opened.Build!);
                CountRestore("restored");
                return values;
            case { MissingKey: { } keyId }:
                TabStateLog.SealedWithMissingKey(logger, entryKey, keyId);
                CountRestore("dropped", TabStateDropReasons.UnknownKey);
                return null;
            case { Failure: { } failure }:
                return Drop(entryKey, failure, read.Opened.DropReason ?? TabStateDropReasons.Invalid);
            default:
                CountRestore("none");
                return null;
        }
    }

    /// <summary>
    /// Loads and unseals one entry of <paramref name="tab"/>: its values, why they do not open, or
    /// <see cref="UnsealResult.None"/>; or, when the store could not be read, why not.
    /// </summary>
    private async Task<EntryRead> ReadEntryAsync(TabIdentity tab, string entryKey)
    {
        byte[]? sealedState;
        try
        {
            using var timeout = new CancellationTokenSource(Options.LoadTimeout);
            sealedState = await store.LoadAsync(tab, entryKey, timeout.Token).AsTask().WaitAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new EntryRead(null, e is OperationCanceledException ? $"no answer within {Options.LoadTimeout.TotalSeconds:0.#} s" : e.Message, e);
        }

        if (sealedState is null)
        {
            return new EntryRead(UnsealResult.None);
        }

        // A token far bigger than anything the server seals is tampered with: do not even try it.
        return new EntryRead(sealedState.Length > (Options.MaxStateBytes * 2) + 4096
            ? UnsealResult.Failed($"{sealedState.Length} bytes, larger than anything this app seals", TabStateDropReasons.Invalid)
            : seal.Unseal(tab, entryKey, sealedState, Options.TimeToLive));
    }

    /// <summary>
    /// The store could not be read, so whether this tab saved state is unknown. A circuit has the page reload once an
    /// instance is ready (<see cref="StoreOutageReload"/>) and never lets the component initialize: its defaults would
    /// be a wrong value on screen, and its next change would save them over the stored state. A prerender, or a page
    /// that cannot be asked, starts from the defaults as before (logged).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, byte[]>?> StoreUnreadableAsync(string reason, Exception? error)
    {
        CountRestore("unavailable");
        if (circuit.IsInteractive && await reload.RequestAsync())
        {
            TabStateLog.StoreUnreadable(logger, store.Name, reason, error);
            // Completed by nobody: the page leaves, and this circuit, with the component waiting here, goes with it.
            // One source per call, so that nothing long-lived holds the component.
            return await new TaskCompletionSource<IReadOnlyDictionary<string, byte[]>?>().Task;
        }

        TabStateLog.LoadFailed(logger, store.Name, reason, error);
        return null;
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
}

/// <summary>One entry as read from the store: what opening it gave, or (<paramref name="Opened"/> null) why the store could not be read.</summary>
internal readonly record struct EntryRead(UnsealResult? Opened, string? Failure = null, Exception? Error = null);

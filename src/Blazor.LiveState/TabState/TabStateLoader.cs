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

    /// <summary>The saved values of one component (by name), none (none saved, or dropped), or that the store could not be read.</summary>
    public async Task<TabStateLoad> LoadAsync(string entryKey)
    {
        using var activity = LiveStateActivities.Source.StartActivity("livestate.tabstate.load");
        activity?.SetTag("livestate.tabstate.entry", entryKey).SetTag("livestate.tabstate.store", store.Name);
        var restored = await LoadCoreAsync(entryKey);
        activity?.SetTag("livestate.tabstate.restored", restored.Values is not null);
        return restored;
    }

    private async Task<TabStateLoad> LoadCoreAsync(string entryKey)
    {
        var tab = await handshake.IdentityAsync();
        if (tab is null)
        {
            return default;
        }

        if (tab.IsNew)
        {
            // The browser made this id just now: nothing can be stored under it, so the store is not asked.
            CountRestore("none");
            return default;
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
                return new TabStateLoad(values);
            case { MissingKey: { } keyId }:
                TabStateLog.SealedWithMissingKey(logger, entryKey, keyId);
                CountRestore("dropped", TabStateDropReasons.UnknownKey);
                return default;
            case { Failure: { } failure }:
                Drop(entryKey, failure, read.Opened.DropReason ?? TabStateDropReasons.Invalid);
                return default;
            default:
                CountRestore("none");
                return default;
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
    /// The store could not be read, so whether this tab saved state is unknown, and its defaults may be a wrong value on
    /// screen. A circuit has the page reload once an instance is ready (<see cref="StoreOutageReload"/>) and never lets
    /// the component initialize, so its next change cannot save the defaults over the stored state either. A prerender
    /// (of a crash's reload) says so, and leaves the component out (<see cref="LiveComponentBase"/>); its circuit tries
    /// again. A page that cannot be asked starts from the defaults (logged).
    /// </summary>
    private async Task<TabStateLoad> StoreUnreadableAsync(string reason, Exception? error)
    {
        CountRestore("unavailable");
        if (!circuit.IsInteractive)
        {
            TabStateLog.PrerenderStoreUnreadable(logger, store.Name, reason, error);
            return new TabStateLoad(null, StoreUnreadable: true);
        }

        if (await reload.RequestAsync())
        {
            TabStateLog.StoreUnreadable(logger, store.Name, reason, error);
            // Completed by nobody: the page leaves, and this circuit, with the component waiting here, goes with it.
            // One source per call, so that nothing long-lived holds the component.
            return await new TaskCompletionSource<TabStateLoad>().Task;
        }

        TabStateLog.LoadFailed(logger, store.Name, reason, error);
        return default;
    }

    // A prerender from a reload's hand-off restores what the circuit then restores again: one restore per page view.
    private void CountRestore(string outcome, string? reason = null)
    {
        if (circuit.IsInteractive)
        {
            metrics.TabStateRestore(outcome, reason);
        }
    }

    private void Drop(string entryKey, string reason, string dropReason)
    {
        TabStateLog.Dropped(logger, entryKey, reason);
        CountRestore("dropped", dropReason);
    }
}

/// <summary>One entry as read from the store: what opening it gave, or (<paramref name="Opened"/> null) why the store could not be read.</summary>
internal readonly record struct EntryRead(UnsealResult? Opened, string? Failure = null, Exception? Error = null);

/// <summary>
/// What loading one component's tab state gave: its saved values (null when none were saved or they were dropped), or
/// that the store could not be read (only a prerender gets that back: a circuit's load does not complete then).
/// </summary>
internal readonly record struct TabStateLoad(IReadOnlyDictionary<string, byte[]>? Values, bool StoreUnreadable = false);

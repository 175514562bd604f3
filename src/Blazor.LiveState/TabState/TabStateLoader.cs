using Blazor.LiveState.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.TabState;

/// <summary>
/// One per circuit: loads and unseals each component's saved state for the tab the <see cref="TabHandshake"/>
/// learned; a duplicated tab gets what its original saved, copied under its own id. Never throws: state that
/// cannot be read or opened is logged and counted, and the component keeps its defaults.
/// </summary>
internal sealed class TabStateLoader(
    TabHandshake handshake,
    ITabStateStore store,
    TabStateSeal seal,
    TabStateSaver saver,
    LiveCircuit circuit,
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
                    saver.Save(entryKey, copied.Values!);
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

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Blazor.LiveState.Shared;

/// <summary>
/// The kit's instruments, on the <c>Blazor.LiveState</c> meter, for OpenTelemetry or
/// <c>dotnet-counters</c>.
/// </summary>
internal sealed class LiveStateMetrics
{
    public const string MeterName = LiveStateTelemetry.Name;

    private readonly Counter<long> _readinessProbes;
    private readonly Counter<long> _connections;
    private readonly Histogram<double> _recoveryDuration;
    private readonly Counter<long> _tabStateSaves;
    private readonly Counter<long> _tabStateSaveFailures;
    private readonly Histogram<int> _tabStateSize;
    private readonly Counter<long> _tabStateRestores;
    private readonly Histogram<double> _drainDuration;
    private readonly Counter<long> _drainedCircuits;

    public LiveStateMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _readinessProbes = meter.CreateCounter<long>(
            "livestate.reconnect.probes", unit: "{probe}",
            description: "Readiness probes browsers sent while disconnected, by whether this instance was ready.");
        _connections = meter.CreateCounter<long>(
            "livestate.reconnect.outcomes", unit: "{connection}",
            description: "Circuit connections coming up, by how the page got here: started, reconnected, resumed or reloaded.");
        _recoveryDuration = meter.CreateHistogram<double>(
            "livestate.reconnect.duration", unit: "s",
            description: "Time from losing the connection to being connected again, as the browser measured it.");
        _tabStateSaves = meter.CreateCounter<long>(
            "livestate.tabstate.saves", unit: "{entry}",
            description: "Component states sealed and saved, by store.");
        _tabStateSaveFailures = meter.CreateCounter<long>(
            "livestate.tabstate.save_failures", unit: "{batch}",
            description: "Saves the store did not take (store down, browser storage full), by store.");
        _tabStateSize = meter.CreateHistogram<int>(
            "livestate.tabstate.size", unit: "By",
            description: "Size of one sealed component state, as stored and (browser storage) sent over the circuit.");
        _tabStateRestores = meter.CreateCounter<long>(
            "livestate.tabstate.restores", unit: "{entry}",
            description: "Component states looked up on a new circuit, by outcome (restored, none, dropped or unavailable) and, when dropped, reason (unknown_key, invalid, expired or unreadable).");
        _drainDuration = meter.CreateHistogram<double>(
            "livestate.drain.duration", unit: "s",
            description: "Time from the start of a drain to its end (all pages moved, or the window over).");
        _drainedCircuits = meter.CreateCounter<long>(
            "livestate.drain.circuits", unit: "{circuit}",
            description: "Circuits at the end of a drain, by outcome: moved (to another instance), stayed (nowhere to go) or remaining.");
    }

    public void Drained(TimeSpan duration, int moved, int stayed, int remaining)
    {
        _drainDuration.Record(duration.TotalSeconds);
        _drainedCircuits.Add(moved, new KeyValuePair<string, object?>("outcome", "moved"));
        _drainedCircuits.Add(stayed, new KeyValuePair<string, object?>("outcome", "stayed"));
        _drainedCircuits.Add(remaining, new KeyValuePair<string, object?>("outcome", "remaining"));
    }

    public void TabStateSaved(string store, int bytes)
    {
        var tag = new KeyValuePair<string, object?>("store", store);
        _tabStateSaves.Add(1, tag);
        _tabStateSize.Record(bytes, tag);
    }

    public void TabStateSaveFailed(string store) => _tabStateSaveFailures.Add(1, new KeyValuePair<string, object?>("store", store));

    public void TabStateRestore(string outcome, string? reason = null)
    {
        var tags = new TagList { { "outcome", outcome } };
        if (reason is not null)
        {
            tags.Add("reason", reason);
        }

        _tabStateRestores.Add(1, tags);
    }

    public void ReadinessProbe(bool ready) => _readinessProbes.Add(1, new KeyValuePair<string, object?>("ready", ready));

    public void ConnectionUp(string outcome, string? reason, TimeSpan down)
    {
        var tags = new TagList { { "outcome", outcome }, { "reason", reason ?? "none" } };
        _connections.Add(1, tags);
        if (outcome != Reconnect.ConnectionOutcomes.Started)
        {
            _recoveryDuration.Record(down.TotalSeconds, tags);
        }
    }
}

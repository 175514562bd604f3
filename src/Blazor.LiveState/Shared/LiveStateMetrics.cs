using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Blazor.LiveState.Shared;

/// <summary>
/// The kit's instruments, on the <c>Blazor.LiveState</c> meter, for OpenTelemetry or
/// <c>dotnet-counters</c>.
/// </summary>
internal sealed class LiveStateMetrics
{
    public const string MeterName = "Blazor.LiveState";

    private readonly Counter<long> _readinessProbes;
    private readonly Counter<long> _connections;
    private readonly Histogram<double> _recoveryDuration;

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

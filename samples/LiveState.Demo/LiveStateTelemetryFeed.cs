using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Blazor.LiveState;

namespace LiveState.Demo;

/// <summary>
/// Listens to the kit's meter and spans inside the process, for the demo's telemetry page; what an
/// OpenTelemetry exporter would send (<c>AddMeter(LiveStateTelemetry.Name)</c>, <c>AddSource(LiveStateTelemetry.Name)</c>).
/// </summary>
public sealed class LiveStateTelemetryFeed : IDisposable
{
    private const int KeptSpans = 40;

    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;
    private readonly ConcurrentDictionary<string, double> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SpanRecord> _recent = new();

    public LiveStateTelemetryFeed()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveStateTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meters.Start();

        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LiveStateTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                _recent.Enqueue(new SpanRecord(activity.OperationName, activity.StartTimeUtc, activity.Duration,
                    string.Join(", ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))));
                while (_recent.Count > KeptSpans && _recent.TryDequeue(out _))
                {
                }
            },
        };
        ActivitySource.AddActivityListener(_spans);
    }

    /// <summary>Running totals per instrument and tag set (histograms: the sum of what was recorded).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Totals => [.. _totals.OrderBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>The latest spans, newest first.</summary>
    public IReadOnlyList<SpanRecord> RecentSpans => [.. _recent.Reverse()];

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
    }

    private void Add<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var key = tags.Length == 0
            ? instrument.Name
            : $"{instrument.Name} {{{string.Join(", ", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}}}";
        var amount = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        _totals.AddOrUpdate(key, amount, (_, total) => total + amount);
    }
}

/// <summary>One finished span of the kit.</summary>
public sealed record SpanRecord(string Name, DateTime StartedUtc, TimeSpan Duration, string Tags);

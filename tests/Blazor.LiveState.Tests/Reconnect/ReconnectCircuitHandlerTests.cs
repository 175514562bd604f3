using System.Diagnostics.Metrics;
using Blazor.LiveState.Reconnect;
using Blazor.LiveState.Shared;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Tests.Reconnect;

public sealed class ReconnectCircuitHandlerTests : IDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly RecordingLoggerProvider _logs = new();

    public ReconnectCircuitHandlerTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Strict;
        _ctx.AddLiveState(o => o.BuildVersion = "7.0.0");
        _ctx.Services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveStateMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    [Fact]
    public async Task Connection_up_sends_the_options_to_the_browser_and_counts_a_reload_recovery()
    {
        var call = _ctx.JSInterop.Setup<ConnectionReport?>("BlazorLiveState.connected", _ => true);
        call.SetResult(new ConnectionReport("reloaded", "new-build", 4, 2500));

        await Handler().ExchangeAsync("circuit-1");
        await WaitForAsync(() => Measurements().Any(m => m.Instrument == "livestate.reconnect.duration"));

        var invocation = Assert.Single(_ctx.JSInterop.Invocations);
        var config = Assert.IsType<BrowserReconnectConfig>(invocation.Arguments[0]);
        Assert.Equal("7.0.0", config.Build);
        var outcome = Assert.Single(Measurements(), m => m.Instrument == "livestate.reconnect.outcomes");
        Assert.Equal(("reloaded", "new-build"), (outcome.Tags["outcome"], outcome.Tags["reason"]));
        Assert.Equal(2.5, Assert.Single(Measurements(), m => m.Instrument == "livestate.reconnect.duration").Value);
        Assert.Contains(_logs.Messages, m => m.Contains("after reloaded (new-build) in 2500 ms and 4 readiness probes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tampered_report_is_clamped_and_cannot_invent_metric_tags()
    {
        var call = _ctx.JSInterop.Setup<ConnectionReport?>("BlazorLiveState.connected", _ => true);
        call.SetResult(new ConnectionReport("<script>", "x".PadRight(5000, 'x'), -5, double.MaxValue));

        await Handler().ExchangeAsync("circuit-1");
        await WaitForAsync(() => Measurements().Any(m => m.Instrument == "livestate.reconnect.duration"));

        var outcome = Assert.Single(Measurements(), m => m.Instrument == "livestate.reconnect.outcomes");
        Assert.Equal(("unknown", "unknown"), (outcome.Tags["outcome"], outcome.Tags["reason"]));
        Assert.Equal(TimeSpan.FromDays(1).TotalSeconds, Assert.Single(Measurements(), m => m.Instrument == "livestate.reconnect.duration").Value);
    }

    [Fact]
    public async Task Browser_that_went_away_is_logged_not_thrown()
    {
        var call = _ctx.JSInterop.Setup<ConnectionReport?>("BlazorLiveState.connected", _ => true);
        call.SetException(new JSDisconnectedException("gone"));

        await Handler().ExchangeAsync("circuit-1");
        await WaitForAsync(() => _logs.Messages.Count > 0);

        Assert.Contains(_logs.Messages, m => m.Contains("Could not send the reconnect options", StringComparison.Ordinal));
        Assert.DoesNotContain(Measurements(), m => m.Instrument == "livestate.reconnect.outcomes");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _ctx.Dispose();
    }

    [Fact]
    public async Task A_page_with_nothing_to_report_is_counted_nowhere()
    {
        var call = _ctx.JSInterop.Setup<ConnectionReport?>("BlazorLiveState.connected", _ => true);
        call.SetResult(null);

        await Handler().ExchangeAsync("circuit-1");

        Assert.Single(_ctx.JSInterop.Invocations);
        Assert.DoesNotContain(Measurements(), m => m.Instrument == "livestate.reconnect.outcomes");
        Assert.Empty(_logs.Messages);
    }

    [Fact]
    public async Task The_options_go_out_only_after_the_work_the_circuit_was_doing()
    {
        var call = _ctx.JSInterop.Setup<ConnectionReport?>("BlazorLiveState.connected", _ => true);
        call.SetResult(null);

        // A synchronization context that runs posted work only when asked, as the circuit's dispatcher does once its
        // first render is done: the exchange must have left everything it does for later.
        var dispatcher = new QueuedSynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(dispatcher);
        Task exchange;
        try
        {
            exchange = Handler().ExchangeAsync("circuit-1");
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Assert.False(exchange.IsCompleted);
        Assert.Empty(_ctx.JSInterop.Invocations);

        dispatcher.RunQueued();
        await exchange;
        Assert.Single(_ctx.JSInterop.Invocations);
    }

    private ReconnectCircuitHandler Handler() =>
        _ctx.Services.GetServices<CircuitHandler>().OfType<ReconnectCircuitHandler>().Single();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        }
    }

    // The listener records from whichever thread emits (other tests' circuits included): read a copy taken under the lock.
    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements()
    {
        lock (_measurements)
        {
            return [.. _measurements];
        }
    }

    /// <summary>Keeps what is posted to it until <see cref="RunQueued"/>.</summary>
    private sealed class QueuedSynchronizationContext : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _queued = new();

        public override void Post(SendOrPostCallback d, object? state) => _queued.Enqueue((d, state));

        public void RunQueued()
        {
            while (_queued.TryDequeue(out var work))
            {
                work.Callback(work.State);
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // The handler reports without holding up the circuit; wait for its work, not for a fixed time.
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The condition did not become true within 5 s.");
    }
}

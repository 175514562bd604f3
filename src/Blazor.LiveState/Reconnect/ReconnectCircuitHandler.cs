using System.Text.Json;
using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Reconnect;

/// <summary>
/// Each time a circuit's connection comes up, sends the app's reconnect options to the browser and
/// logs and counts how the page got here (a fresh start, a reconnect, a resume or a reload after a
/// restart), which only the browser knows.
/// </summary>
internal sealed partial class ReconnectCircuitHandler(
    IJSRuntime js,
    IOptions<LiveStateOptions> options,
    AppBuild build,
    ProcessInstance instance,
    Forms.FormOwner owner,
    LiveStateMetrics metrics,
    ILogger<ReconnectCircuitHandler> logger) : CircuitHandler
{
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(10);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // Not awaited: the circuit must not wait for the browser's answer to start rendering.
        _ = ExchangeAsync(circuit.Id);
        return Task.CompletedTask;
    }

    /// <summary>Sends the options and records the answer; never throws.</summary>
    internal async Task ExchangeAsync(string circuitId)
    {
        // After the circuit's first render where that render does not wait for anything: reading the user's tag and
        // serializing the options take 10–16 ms on a process's first circuit, which the page would otherwise wait for.
        await Task.Yield();
        // Whose page this is, so that a page paused for a drain resumes only for the same user.
        var config = BrowserReconnectConfig.From(options.Value, build.Version, instance.Id, await owner.TagAsync());
        ConnectionReport? report;
        try
        {
            using var timeout = new CancellationTokenSource(ReportTimeout);
            report = await js.InvokeAsync<ConnectionReport?>(LiveStateInterop.Connected, timeout.Token, config);
        }
        catch (JsonException e)
        {
            LiveStateLog.BadConnectionReport(logger, circuitId, e);
            return;
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or OperationCanceledException or TaskCanceledException)
        {
            // A connection that drops again at once is normal in a library about lost connections.
            LiveStateLog.ConfigNotDelivered(logger, circuitId, e);
            return;
        }

        if (report is null)
        {
            return;
        }

        var outcome = ConnectionOutcomes.Normalize(report.Outcome);
        var reason = ConnectionOutcomes.NormalizeReason(report.Reason);
        // The numbers come from the browser: clamp them so a tampered report cannot skew the metrics.
        var down = TimeSpan.FromMilliseconds(Math.Clamp(report.DownMs, 0, TimeSpan.FromDays(1).TotalMilliseconds));
        var attempts = Math.Clamp(report.Attempts, 0, 100_000);
        metrics.ConnectionUp(outcome, reason, down);
        if (outcome == ConnectionOutcomes.Started)
        {
            LiveStateLog.ConnectionStarted(logger, circuitId);
        }
        else
        {
            LiveStateLog.ConnectionRecovered(logger, circuitId, outcome, reason ?? "none", down.TotalMilliseconds, attempts);
        }
    }
}

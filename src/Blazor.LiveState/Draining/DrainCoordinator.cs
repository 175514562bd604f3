using System.Diagnostics;
using Blazor.LiveState.Shared;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Draining;

/// <summary>
/// Runs a drain once per process: reports not-ready from its first moment, asks every page to save and
/// move (each at a random moment within the window, so the instances taking them over are not hit at
/// once), and waits until the pages that can move have left, or the window is over.
/// </summary>
internal sealed class DrainCoordinator(
    CircuitRegistry circuits,
    IHostApplicationLifetime lifetime,
    IOptions<LiveStateOptions> options,
    LiveStateMetrics metrics,
    TimeProvider time,
    ILogger<DrainCoordinator> logger)
{
    // Pages answer at once; one that does not within this time is left to the connection close.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);

    // Moves are spread over this share of the window, so the last page has time to reload and leave
    // before the window ends.
    private const double SpreadShare = 0.6;

    private readonly Lock _lock = new();
    private Task<DrainResult>? _drain;

    /// <summary>Whether a drain has started: the instance is not ready and takes no new circuits.</summary>
    public bool IsDraining => _drain is not null;

    /// <summary>
    /// Whether this instance takes new circuits: not once it drains or the app stops. What the readiness
    /// endpoint, the health check and the gate for new circuits all answer.
    /// </summary>
    public bool TakesNewCircuits => !IsDraining && !lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Starts the drain, or joins the one under way.</summary>
    public Task<DrainResult> DrainAsync(string reason)
    {
        lock (_lock)
        {
            return _drain ??= Task.Run(() => RunAsync(reason));
        }
    }

    private async Task<DrainResult> RunAsync(string reason)
    {
        using var activity = LiveStateActivities.Source.StartActivity("livestate.drain");
        activity?.SetTag("livestate.drain.reason", reason);
        var started = Stopwatch.GetTimestamp();
        var window = options.Value.Drain.Window;
        var pages = circuits.Snapshot();
        DrainLog.Started(logger, reason, pages.Count, window.TotalSeconds);

        var answers = await Task.WhenAll(pages.Select(page => AskAsync(page, RandomDelay(window))));
        var moving = pages.Zip(answers).Where(p => p.Second).Select(p => p.First.CircuitId!).ToList();

        // Wait for the pages that move to leave (their reload drops their connection), until the window ends.
        using var windowOver = new CancellationTokenSource(window - Stopwatch.GetElapsedTime(started) is { Ticks: > 0 } left ? left : TimeSpan.Zero, time);
        while (moving.Any(circuits.Contains) && !windowOver.IsCancellationRequested)
        {
            try
            {
                await circuits.CircuitClosed().WaitAsync(windowOver.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var moved = moving.Count(id => !circuits.Contains(id));
        var result = new DrainResult(elapsed, moved, answers.Count(a => !a), circuits.Count);
        metrics.Drained(elapsed, result.Moved, result.Stayed, result.Remaining);
        activity?.SetTag("livestate.drain.pages", pages.Count)
            .SetTag("livestate.drain.moved", result.Moved)
            .SetTag("livestate.drain.stayed", result.Stayed)
            .SetTag("livestate.drain.remaining", result.Remaining);
        DrainLog.Finished(logger, elapsed.TotalMilliseconds, result.Moved, result.Stayed, result.Remaining);
        return result;
    }

    private async Task<bool> AskAsync(MovablePage page, TimeSpan moveAfter)
    {
        try
        {
            using var timeout = new CancellationTokenSource(AnswerTimeout);
            return await page.AskToMoveAsync(moveAfter, timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            DrainLog.NoAnswer(logger, page.CircuitId ?? "?", e);
            return false;
        }
    }

    private static TimeSpan RandomDelay(TimeSpan window) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * window.TotalMilliseconds * SpreadShare);
}

/// <summary>How a drain went.</summary>
/// <param name="Duration">From its start to its end.</param>
/// <param name="Moved">Pages that moved to another instance.</param>
/// <param name="Stayed">Pages that had nowhere to go, or did not answer.</param>
/// <param name="Remaining">Circuits still open at the end (closed with the connections).</param>
internal sealed record DrainResult(TimeSpan Duration, int Moved, int Stayed, int Remaining);

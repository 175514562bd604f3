namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// When a deploy's steps happened, as <see cref="System.Diagnostics.Stopwatch"/> timestamps, so tests and
/// benchmarks can measure from "the new server answers".
/// </summary>
/// <param name="StopRequestedAt">When the signal was sent to the old process.</param>
/// <param name="StoppedAt">When the old process had exited.</param>
/// <param name="AnsweredAt">When the new process first answered an HTTP request (polled every 10 ms).</param>
/// <param name="LaunchedAt">When the new process was launched: before it, nothing could answer.</param>
public sealed record DeployTimeline(long StopRequestedAt, long StoppedAt, long AnsweredAt, long LaunchedAt)
{
    /// <summary>How long the old process took to exit after the signal.</summary>
    public TimeSpan TimeToExit => TimeSpan.FromTicks((long)((StoppedAt - StopRequestedAt) * TicksPerTimestamp));

    /// <summary>How long no server answered.</summary>
    public TimeSpan Downtime => TimeSpan.FromTicks((long)((AnsweredAt - StoppedAt) * TicksPerTimestamp));

    private static double TicksPerTimestamp => (double)TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency;
}

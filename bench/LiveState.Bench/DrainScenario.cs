using System.Diagnostics;
using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>
/// One measured drain behind nginx: two instances of an app (with Redis for the kit), the probe page on one of them
/// with every piece of state changed, then SIGTERM to that instance, which is not started again; the page must go
/// on on the other. Stock Blazor gets the same topology and the same signal.
/// </summary>
internal sealed class DrainScenario(Chromium chromium, bool trace = false)
{
    private static readonly TimeSpan WarmTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SlowExit = TimeSpan.FromSeconds(10);

    public async Task<DeployRun> RunAsync(AppBuild build)
    {
        await using var cluster = await TwoInstances.StartAsync(build: build);
        await using var watched = await WatchedProbePage.OpenAsync(chromium);
        var requests = RequestLog.Attach(watched.Page, cluster.Proxy.BaseUri);
        var lost = ConnectionLoss.Attach(watched.Page);
        var probe = cluster.Url(ProbePage.Path);

        // Running instances of a live app have served pages before: both have, here, so the fresh load is a load on
        // the same kind of instance the page moves to.
        await watched.WarmAsync(probe);
        await WarmAsync(cluster.First);
        await WarmAsync(cluster.Second);
        var freshLoad = await watched.LoadAsync(probe);

        var left = await watched.LeaveStateAsync();
        var oldInstance = await watched.InstanceAsync();
        var serving = await cluster.ServingAsync(watched.Page);
        var signalledAt = Stopwatch.GetTimestamp();
        lost.Arm();
        var deployStartedAt = StateTimeline.ToWallClock(signalledAt);
        var timeToExit = await serving.StopAsync();
        var exitedAt = Stopwatch.GetTimestamp();
        var recovery = await watched.WaitForRecoveryAsync([oldInstance], deployStartedAt, left);

        // The kit moves each page at a random moment in the first 60% of its drain window (5 s by default), so that
        // the instance taking them over is not hit by all at once: that wait is the drain's spread, not the page's
        // recovery. Times run from the moment the page lost its connection to the old instance.
        var lostAt = lost.At is { } at ? StateTimeline.ToWallClock(at) : throw new InvalidOperationException("The page never lost its connection to the stopped instance.");
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"    {build.Name}: the page's connection closed {(lostAt - deployStartedAt).TotalMilliseconds:F0} ms after SIGTERM; the old instance exited after {timeToExit.TotalMilliseconds:F0} ms"));
        if (trace)
        {
            await watched.PrintTraceAsync(recovery, lostAt);
        }

        // The kit's drain ends within its window (5 s); an exit near the host's 30 s shutdown timeout means something
        // held the process: show what it logged.
        if (timeToExit > SlowExit && build.Name.StartsWith("demo", StringComparison.Ordinal))
        {
            foreach (var line in serving.Output.TakeLast(25))
            {
                Console.WriteLine($"    [old instance] {line}");
            }
        }

        if (recovery.State.SurvivorCount < ProbePage.Expected.Count && build.Name.StartsWith("demo", StringComparison.Ordinal))
        {
            await watched.PrintLossAsync(recovery.State, [.. cluster.First.Output, .. cluster.Second.Output]);
        }

        // The other instance answers throughout: nothing is ever down.
        return new DeployRun(
            freshLoad,
            recovery.RestoredAt - lostAt,
            watched.FirstReloadAt - lostAt,
            recovery.InteractiveAt - lostAt,
            recovery.State.SurvivorCount,
            ProbePage.Expected.Count,
            requests.Between(signalledAt, exitedAt).Count,
            TimeSpan.Zero,
            timeToExit,
            recovery.State.PasswordRestored,
            watched.Reloads,
            recovery.WrongState,
            recovery.ScrollKept,
            recovery.FocusKept);
    }

    /// <summary>Has one instance serve the page once, interactive, in a browser context of its own.</summary>
    private async Task WarmAsync(AppServer instance)
    {
        var context = await chromium.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(instance.BaseUri, ProbePage.Path).ToString());
            await PageWaits.InteractiveAsync(page, WarmTimeout, selector: ProbePage.InteractiveSelector);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}

using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>
/// One measured deploy of a lone server: a fresh server, the probe page loaded and every piece of state changed,
/// the deploy, and the wait until the page is interactive again with whatever state it gets back.
/// </summary>
internal sealed class DeployScenario(Chromium chromium, bool trace = false)
{
    public async Task<DeployRun> RunAsync(AppBuild build, AppBuild nextBuild, DeployKind kind)
    {
        await using var server = new AppServer(build);
        await server.StartAsync();
        await using var watched = await WatchedProbePage.OpenAsync(chromium, trace);
        var requests = RequestLog.Attach(watched.Page, server.BaseUri);
        var probe = new Uri(server.BaseUri, ProbePage.Path);

        var freshLoad = await watched.FirstLoadOnNewServerAsync(server, probe);
        if (trace)
        {
            await PageStartTrace.PrintAsync(watched.Page, "fresh load");
        }

        var left = await watched.LeaveStateAsync();
        var oldInstance = await watched.InstanceAsync();
        var deployStartedAt = StateTimeline.ToWallClock(System.Diagnostics.Stopwatch.GetTimestamp());
        var timeline = await server.DeployAsync(kind, nextBuild);
        var answeredAt = StateTimeline.ToWallClock(timeline.AnsweredAt);
        var recovery = await watched.WaitForRecoveryAsync([oldInstance], deployStartedAt, left);
        if (trace)
        {
            await watched.PrintTraceAsync(recovery, answeredAt);
            if (watched.Reloads > 0)
            {
                await PageStartTrace.PrintAsync(watched.Page, "reloaded document", answeredAt);
            }
        }

        if (recovery.State.SurvivorCount < ProbePage.Expected.Count && build.Name.StartsWith("demo", StringComparison.Ordinal))
        {
            await watched.PrintLossAsync(recovery.State, server.Output);
        }

        return new DeployRun(
            freshLoad,
            recovery.RestoredAt - answeredAt,
            watched.FirstReloadAt - answeredAt,
            recovery.InteractiveAt - answeredAt,
            recovery.State.SurvivorCount,
            ProbePage.Expected.Count,
            requests.Between(timeline.StoppedAt, timeline.AnsweredAt).Count,
            timeline.Downtime,
            timeline.TimeToExit,
            recovery.State.PasswordRestored,
            watched.Reloads,
            recovery.WrongState,
            recovery.ScrollKept,
            recovery.FocusKept);
    }
}

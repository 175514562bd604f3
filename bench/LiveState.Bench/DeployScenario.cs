using System.Diagnostics;
using System.Globalization;
using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// One measured deploy: a fresh server, the probe page loaded and every piece of state changed, the
/// deploy, and the wait until the page is interactive again with whatever state it gets back.
/// </summary>
internal sealed class DeployScenario(Chromium chromium, bool trace = false)
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    // After the page is interactive, restoring state may take a moment longer; past this nothing more comes back.
    private static readonly TimeSpan RestoreGrace = TimeSpan.FromSeconds(5);

    public async Task<DeployRun> RunAsync(AppBuild build, AppBuild nextBuild, DeployKind kind)
    {
        await using var server = new AppServer(build);
        await server.StartAsync();
        var context = await chromium.NewContextAsync();
        try
        {
            await StateTimeline.AttachAsync(context);
            var page = await context.NewPageAsync();
            var requests = RequestLog.Attach(page, server.BaseUri);
            var probeUri = new Uri(server.BaseUri, ProbePage.Path).ToString();

            // Warm the browser for this origin (HTTP cache, connections), as a user who has used the app
            // before has it; then restart the server so the measured load is the first one it serves.
            await page.GotoAsync(probeUri);
            await PageWaits.InteractiveAsync(page, RecoveryTimeout);
            await page.GotoAsync("about:blank");
            await server.StopAsync();
            await server.StartAsync();

            var navigationStart = StateTimeline.ToWallClock(Stopwatch.GetTimestamp());
            await page.GotoAsync(probeUri);
            await PageWaits.InteractiveAsync(page, RecoveryTimeout, selector: ProbePage.InteractiveSelector);
            var freshLoad = FirstInteractive(await StateTimeline.ReadAsync(page), notInstance: null).At - navigationStart;

            await ProbePage.ChangeEverythingAsync(page);
            var oldInstance = await PageWaits.InstanceAsync(page);

            long? reloadRequestedAt = null;
            var reloads = 0;
            page.Request += (_, request) =>
            {
                if (request.IsNavigationRequest && request.Frame == page.MainFrame)
                {
                    reloadRequestedAt ??= Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref reloads);
                }
            };
            var deployStartedAt = StateTimeline.ToWallClock(Stopwatch.GetTimestamp());
            var timeline = await server.DeployAsync(kind, nextBuild);
            var answeredAt = StateTimeline.ToWallClock(timeline.AnsweredAt);
            var state = await WaitForRecoveryAsync(page, oldInstance);

            // The moments themselves, as the page recorded them: interactive on the new server, and the
            // first time it showed as much state as it would get back.
            var recorded = await StateTimeline.ReadAsync(page);
            var interactiveAt = FirstInteractive(recorded, oldInstance).At;
            if (trace)
            {
                await PrintTraceAsync(page, recorded, answeredAt);
            }

            if (state.SurvivorCount < ProbePage.Expected.Count && build.Name.StartsWith("demo", StringComparison.Ordinal))
            {
                await PrintLossAsync(page, server, state);
            }

            var restoredAt = recorded.First(e => e.Interactive && e.Instance != oldInstance && e.State.SurvivorCount >= state.SurvivorCount).At;
            var wrong = WrongStateDuration(recorded, deployStartedAt, restoredAt);

            return new DeployRun(
                freshLoad,
                restoredAt - answeredAt,
                reloadRequestedAt is { } reload ? StateTimeline.ToWallClock(reload) - answeredAt : null,
                interactiveAt - answeredAt,
                state.SurvivorCount,
                ProbePage.Expected.Count,
                requests.Between(timeline.StoppedAt, timeline.AnsweredAt).Count,
                timeline.Downtime,
                timeline.TimeToExit,
                state.PasswordRestored,
                reloads,
                wrong);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>When the page showed what, in milliseconds after the new server answered; and when its document arrived.</summary>
    private static async Task PrintTraceAsync(IPage page, IReadOnlyList<TimedProbeState> recorded, DateTimeOffset answeredAt)
    {
        var document = await page.EvaluateAsync<double[]>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return [performance.timeOrigin, n.requestStart, n.responseStart, n.domInteractive]; }");
        var origin = StateTimeline.FromPageClock(document[0]) - answeredAt;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    document: requested {origin.TotalMilliseconds + document[1]:F0} ms, first byte {origin.TotalMilliseconds + document[2]:F0} ms, parsed {origin.TotalMilliseconds + document[3]:F0} ms"));
        foreach (var entry in recorded)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {(entry.At - answeredAt).TotalMilliseconds,6:F0} ms: {(entry.Interactive ? "interactive" : "static     ")} {entry.State.SurvivorCount,2} of {ProbePage.Expected.Count} back"));
        }
    }

    /// <summary>A kit run that did not get every piece back: what the page shows and what the server logged, to say why.</summary>
    private static async Task PrintLossAsync(IPage page, AppServer server, ProbeState state)
    {
        Console.WriteLine($"    state lost: {state}");
        Console.WriteLine($"    error UI shown: {await page.Locator("#blazor-error-ui").IsVisibleAsync()}, kit state: {await page.EvaluateAsync<string?>("() => window.BlazorLiveState?.state ?? null")}");
        foreach (var line in server.Output.TakeLast(30))
        {
            Console.WriteLine($"    [server] {line}");
        }
    }

    /// <summary>
    /// How long, between the deploy and the restore, the page showed a value other than the one the user left (a
    /// default, an empty field), summed over the moments the page recorded. What a reload's new document painted
    /// before its first script ran is not seen: the recorder starts with the document's first script.
    /// </summary>
    private static TimeSpan WrongStateDuration(IReadOnlyList<TimedProbeState> recorded, DateTimeOffset from, DateTimeOffset until)
    {
        var wrong = TimeSpan.Zero;
        for (var i = 0; i < recorded.Count; i++)
        {
            var start = recorded[i].At < from ? from : recorded[i].At;
            var end = i + 1 < recorded.Count && recorded[i + 1].At < until ? recorded[i + 1].At : until;
            if (recorded[i].State.ShowsWrongValue && end > start)
            {
                wrong += end - start;
            }
        }

        return wrong;
    }

    private static TimedProbeState FirstInteractive(IReadOnlyList<TimedProbeState> recorded, string? notInstance) =>
        recorded.FirstOrDefault(e => e.Interactive && e.Instance != notInstance)
        ?? throw new InvalidOperationException("The page's timeline never showed it interactive.");

    /// <summary>
    /// Waits until the page is interactive on the new server, then keeps reading until every piece of
    /// state is back or the grace period ends.
    /// </summary>
    /// <returns>The most state the page showed.</returns>
    private static async Task<ProbeState> WaitForRecoveryAsync(IPage page, string? oldInstance)
    {
        var interactiveAt = await PageWaits.InteractiveAsync(page, RecoveryTimeout, oldInstance, ProbePage.InteractiveSelector);
        var best = await ProbePage.ReadAsync(page);
        var graceEnds = interactiveAt + (long)(RestoreGrace.TotalSeconds * Stopwatch.Frequency);
        while (best.SurvivorCount < ProbePage.Expected.Count && Stopwatch.GetTimestamp() < graceEnds)
        {
            await Task.Delay(20);
            ProbeState now;
            try
            {
                now = await ProbePage.ReadAsync(page);
            }
            catch (PlaywrightException)
            {
                continue;
            }

            if (now.SurvivorCount > best.SurvivorCount)
            {
                best = now;
            }
        }

        return best;
    }
}

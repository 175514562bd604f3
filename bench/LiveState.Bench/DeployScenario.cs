using System.Diagnostics;
using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// One measured deploy: a fresh server, the probe page loaded and every piece of state changed, the
/// deploy, and the wait until the page is interactive again with whatever state it gets back.
/// </summary>
internal sealed class DeployScenario(Chromium chromium)
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

            var navigationStart = Stopwatch.GetTimestamp();
            await page.GotoAsync(probeUri);
            var interactive = await PageWaits.InteractiveAsync(page, RecoveryTimeout);
            var freshLoad = Stopwatch.GetElapsedTime(navigationStart, interactive);

            await ProbePage.ChangeEverythingAsync(page);
            var oldInstance = await PageWaits.InstanceAsync(page);

            long? reloadRequestedAt = null;
            page.Request += (_, request) =>
            {
                if (request.IsNavigationRequest && request.Frame == page.MainFrame)
                {
                    reloadRequestedAt ??= Stopwatch.GetTimestamp();
                }
            };
            var timeline = await server.DeployAsync(kind, nextBuild);
            var (interactiveAt, restoredAt, state) = await WaitForRecoveryAsync(page, oldInstance);

            return new DeployRun(
                freshLoad,
                Stopwatch.GetElapsedTime(timeline.AnsweredAt, restoredAt),
                reloadRequestedAt is { } reload ? Stopwatch.GetElapsedTime(timeline.AnsweredAt, reload) : null,
                Stopwatch.GetElapsedTime(timeline.AnsweredAt, interactiveAt),
                state.SurvivorCount,
                ProbePage.Expected.Count,
                requests.Between(timeline.StoppedAt, timeline.AnsweredAt).Count,
                timeline.Downtime,
                timeline.TimeToExit,
                state.PasswordRestored);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits until the page is interactive on the new server, then keeps reading until every piece of
    /// state is back or the grace period ends. Recovery is when the final state was first seen.
    /// </summary>
    private static async Task<(long InteractiveAt, long RestoredAt, ProbeState State)> WaitForRecoveryAsync(IPage page, string? oldInstance)
    {
        var interactiveAt = await PageWaits.InteractiveAsync(page, RecoveryTimeout, oldInstance);
        var best = (At: interactiveAt, State: await ProbePage.ReadAsync(page));
        var graceEnds = interactiveAt + (long)(RestoreGrace.TotalSeconds * Stopwatch.Frequency);
        while (best.State.SurvivorCount < ProbePage.Expected.Count && Stopwatch.GetTimestamp() < graceEnds)
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

            if (now.SurvivorCount > best.State.SurvivorCount)
            {
                best = (Stopwatch.GetTimestamp(), now);
            }
        }

        return (interactiveAt, best.At, best.State);
    }
}

using System.Diagnostics;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Reconnect;

/// <summary>
/// The kit's reconnect in Chromium against the real demo: network blips, going offline, long
/// outages, servers that answer errors, the reload-loop guard and the template's ReconnectModal.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReconnectTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    [Fact]
    public async Task Network_blip_reconnects_the_same_circuit_without_a_reload()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, tap) = await OpenProbeWithSocketTapAsync(server);
        var documents = DocumentWatch.Attach(page);
        await ProbePage.ClickCounterAsync(page, times: 2);
        await documents.MarkAsync();

        await tap.DropAsync();
        await WaitForHtmlClassAsync(page, "ls-reconnecting");
        await WaitForHtmlClassAsync(page, "ls-connected");

        Assert.True(await documents.IsSameDocumentAsync(), "The page reloaded.");
        Assert.Equal(2, tap.Opened);
        // Same circuit: the in-memory counter is still there and still live.
        await ProbePage.ClickCounterAsync(page, times: 1);
        await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("3");
        await ServerOutput.WaitForLogAsync(server, "after reconnected", output);
    }

    // Half of the schedule's shortest wait in the test below: a reconnect made on 'online' is far under it, even on
    // a loaded machine; one made by the schedule is over it. How fast it really is belongs to bench/.
    private static readonly TimeSpan ScheduleWaitFloor = TimeSpan.FromSeconds(22.5);

    [Fact]
    public async Task Offline_holds_the_probes_and_online_reconnects_at_once()
    {
        // A schedule that would wait at least 45 s, so "at once" cannot be the schedule's doing, and the limit
        // below can be generous enough for a loaded CI machine (a reconnect takes well under a second here).
        await using var server = new AppServer(AppBuild.Demo, environment: new Dictionary<string, string>
        {
            ["LiveState__Reconnect__MinDelay"] = "00:00:45",
            ["LiveState__Reconnect__FirstDelay"] = "00:00:45",
            ["LiveState__Reconnect__YoungOutageMaxDelay"] = "00:01:00",
            ["LiveState__Reconnect__MaxDelay"] = "00:01:00",
            ["LiveState__Reconnect__Jitter"] = "0",
        });
        await server.StartAsync();
        var (page, tap) = await OpenProbeWithSocketTapAsync(server);
        await ServerOutput.WaitForLogAsync(server, "the browser has the reconnect options", output);
        var requests = RequestLog.Attach(page, server.BaseUri);
        await ProbePage.ClickCounterAsync(page, times: 1);

        await page.Context.SetOfflineAsync(true);
        await tap.DropAsync();
        await WaitForHtmlClassAsync(page, "ls-offline");
        var offlineFrom = Stopwatch.GetTimestamp();
        // A deliberate quiet period: an offline page must send nothing, however long it stays offline.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var sentWhileOffline = requests.Between(offlineFrom, Stopwatch.GetTimestamp());
        var online = Stopwatch.GetTimestamp();
        await page.Context.SetOfflineAsync(false);
        var connectedAt = await WaitForHtmlClassAsync(page, "ls-connected");

        Assert.Empty(sentWhileOffline);
        var took = Stopwatch.GetElapsedTime(online, connectedAt);
        output.WriteLine($"Connected {took.TotalMilliseconds:F0} ms after the network came back.");
        Assert.True(took < ScheduleWaitFloor, $"Took {took}: the schedule's 45 s wait, not an attempt on 'online'.");
        await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Long_outage_polls_with_bounded_jittered_requests_and_recovers_by_itself()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var requests = RequestLog.Attach(page, server.BaseUri);
        var documents = DocumentWatch.Attach(page);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        // Every module of the page has loaded: what follows the kill is the reconnect's doing only.
        await Expect(page.Locator("[data-livestate-attached]")).ToHaveCountAsync(1);
        var oldInstance = await PageWaits.InstanceAsync(page);

        var timeline = await server.DeployAsync(DeployKind.KillAndRestart, downtime: TimeSpan.FromSeconds(20));
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);

        var whileDown = requests.Between(timeline.StoppedAt, timeline.AnsweredAt);
        output.WriteLine($"{whileDown.Count} requests in {timeline.Downtime.TotalSeconds:F1} s down:\n{string.Join('\n', whileDown)}");
        // Default schedule: about ten probes in the first second, then waits of 10 to 500 ms while the outage is young
        // (about 4 a second), fewer later: never a tight loop (59 in 21.8 s here; the simulation's maximum over
        // 5 000 draws was 79). The upper bound is far above that so jitter never fails it, and far below the
        // ~2 000 requests a loop at the 10 ms floor would send.
        Assert.InRange(whileDown.Count, 10, 200);
        // Until a new process existed, the page only asked whether the server was back. (Once it answers,
        // the page may reconnect before the harness's own 10 ms poll has seen the answer.)
        Assert.All(requests.Between(timeline.StoppedAt, timeline.LaunchedAt), r => Assert.Contains("/_livestate/ready", r, StringComparison.Ordinal));
        Assert.Empty(documents.Failures);
        await ServerOutput.WaitForLogAsync(server, "after reloaded (rejected)", output);
    }

    [Fact]
    public async Task Server_answering_500_is_never_reloaded_into()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, documents) = await OpenCountingDocumentsAsync(server, ProbePage.Path);
        var oldInstance = await PageWaits.InstanceAsync(page);
        await documents.MarkAsync();
        var probes = 0;
        // Stands in for a broken deploy or a proxy with no healthy upstream: everything answers 500.
        await page.RouteAsync($"{server.BaseUri}**", async route =>
        {
            Interlocked.Increment(ref probes);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 500, Body = "broken" });
        });

        await server.StopAsync(kill: true);
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (Volatile.Read(ref probes) < 6 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(probes >= 6, $"Only {probes} probes.");
        Assert.True(await documents.IsSameDocumentAsync(), "The page reloaded into the failing server.");
        Assert.Contains("ls-reconnecting", await HtmlClassesAsync(page), StringComparison.Ordinal);

        await page.UnrouteAllAsync();
        await server.StartAsync();
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
        Assert.Empty(documents.Failures);
    }

    [Fact]
    public async Task Reload_loop_guard_stops_after_the_limit_and_offers_a_manual_reload()
    {
        await using var server = new AppServer(AppBuild.Demo, environment: new Dictionary<string, string>
        {
            ["LiveState__Reconnect__MaxReloads"] = "2",
        });
        await server.StartAsync();
        var (page, documents) = await OpenCountingDocumentsAsync(server, ProbePage.Path);

        for (var reload = 1; reload <= 2; reload++)
        {
            var before = await PageWaits.InstanceAsync(page);
            await server.DeployAsync(DeployKind.KillAndRestart);
            await PageWaits.InteractiveAsync(page, Recovery, before);
        }

        await documents.MarkAsync();
        await server.DeployAsync(DeployKind.KillAndRestart);
        await WaitForHtmlClassAsync(page, "ls-failed");

        Assert.True(await documents.IsSameDocumentAsync(), "The guard let a third reload through.");
        var reloadButton = page.Locator("[data-livestate-status][data-state=failed] [data-livestate-reload]");
        await Expect(reloadButton).ToBeVisibleAsync();
        var stuckOn = await PageWaits.InstanceAsync(page);
        await reloadButton.ClickAsync();
        await PageWaits.InteractiveAsync(page, Recovery, stuckOn);
        // The first load, two automatic reloads and the manual one.
        Assert.Equal(4, documents.Documents.Count(d => d.Contains(ProbePage.Path, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task New_build_reloads_without_trying_to_resume_and_the_server_counts_it()
    {
        // The reload path's own check: with moves in place off, a SIGTERM leaves the page to reconnect as after a
        // crash, and a page that finds another build does not try to resume (a planned move resumes in place:
        // ResumeInPlaceTests).
        await using var server = new AppServer(AppBuild.Demo, environment: new Dictionary<string, string> { ["LiveState__Drain__ResumeInPlace"] = "false" });
        await server.StartAsync();
        var page = await OpenAsync(server, ProbePage.Path);
        // The browser learns the build over the circuit; wait until the server has sent it.
        await ServerOutput.WaitForLogAsync(server, "the browser has the reconnect options", output);
        var oldInstance = await PageWaits.InstanceAsync(page);

        await server.DeployAsync(DeployKind.NewBuild, AppBuild.DemoNext);
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);

        await ServerOutput.WaitForLogAsync(server, "after reloaded (new-build)", output);
        Assert.DoesNotContain(server.Process!.Output, line => line.Contains("ResumeCircuit", StringComparison.OrdinalIgnoreCase) && line.Contains("fail", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Template_reconnect_modal_still_shows_and_hides()
    {
        await using var server = new AppServer(AppBuild.Demo, environment: new Dictionary<string, string>
        {
            ["Demo__ReconnectUi"] = "template",
        });
        await server.StartAsync();
        var (page, tap) = await OpenProbeWithSocketTapAsync(server);
        await page.EvaluateAsync("""
            () => {
              window.__modalStates = [];
              document.getElementById('components-reconnect-modal')
                .addEventListener('components-reconnect-state-changed', e => window.__modalStates.push(e.detail.state));
            }
            """);

        await tap.DropAsync();
        await PageWaits.UntilAsync(page, "() => window.__modalStates.includes('hide')", TimeSpan.FromSeconds(15));

        var states = await page.EvaluateAsync<string[]>("() => window.__modalStates");
        Assert.Equal("show", states[0]);
        Assert.Equal("hide", states[^1]);
        // The template fades the dialog out over 0.5 s.
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
        await Expect(page.Locator("#components-reconnect-modal")).Not.ToHaveAttributeAsync("open", "");
        Assert.Equal(0, await page.Locator("[data-livestate-status]").CountAsync());
    }

    private async Task<(IPage Page, BlazorSocketTap Tap)> OpenProbeWithSocketTapAsync(AppServer server)
    {
        var page = await Browser.NewPageAsync();
        var tap = await BlazorSocketTap.AttachAsync(page.Context);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        return (page, tap);
    }

    private static Task<long> WaitForHtmlClassAsync(IPage page, string className) => PageWaits.HtmlClassAsync(page, className, Recovery);

    private static Task<string> HtmlClassesAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.documentElement.className");
}

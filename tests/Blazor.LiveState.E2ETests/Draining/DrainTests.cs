using System.Net;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Draining;

/// <summary>
/// Draining, with real processes, nginx and Redis: on SIGTERM (or the drain endpoint) an instance moves
/// its pages to the other instance with their state and exits within the drain window; a lone server
/// exits at once instead of hanging for 30 s (dotnet/aspnetcore#58947).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DrainTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const string DrainKey = "test-drain-key-0123456789";
    private static readonly TimeSpan DrainWindow = TimeSpan.FromSeconds(5);

    // What these tests tell apart is a drain from the stock hang (a client that reconnects to the stopping process
    // keeps it up for the host's 30 s shutdown timeout, dotnet/aspnetcore#58947), or "exits at once" from "waits
    // out a 60 s window": limits a loaded CI machine cannot miss. bench/ (ShutdownCost) measures the real times.
    // With 20 pages on a loaded machine (load average 25 on 2 cores) the exit took 15.3 s: the 5 s window, then
    // closing the connections. Under the stock 30 s hang all the same.
    private static readonly TimeSpan DrainedExit = DrainWindow + TimeSpan.FromSeconds(20);

    // "At once": under both the stock hang (30 s) and the long window (60 s) the tests set.
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(20);
    private static readonly Dictionary<string, string> LongWindowSettings = new() { ["LiveState__Drain__Window"] = "00:01:00" };

    [Fact]
    public async Task Sigterm_moves_twenty_pages_to_the_other_instance_with_their_state_within_the_drain_window()
    {
        await using var cluster = await TwoInstances.StartAsync();
        var pages = new List<(IPage Page, int Count)>();
        for (var i = 0; i < 20; i++)
        {
            var page = await OpenAsync(cluster.Url(ProbePage.Path));
            var count = (i % 4) + 1;
            await ProbePage.ClickCounterAsync(page, count);
            pages.Add((page, count));
        }

        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        pages[0].Page.Console += (_, m) => console.Enqueue(m.Text);
        pages[0].Page.Request += (_, r) => console.Enqueue($"request {r.Method} {r.Url}");
        pages[0].Page.Response += (_, r) => console.Enqueue($"response {r.Status} {r.Url}");
        var serving = await cluster.ServingAsync(pages[0].Page);
        var servedBy = await PageWaits.InstanceAsync(pages[0].Page);
        try
        {
            var exit = await serving.StopAsync();
            output.WriteLine($"SIGTERM to exit with 20 pages: {exit.TotalMilliseconds:F0} ms");
            Assert.True(exit < DrainedExit, $"The draining instance took {exit.TotalMilliseconds:F0} ms to exit.");

            foreach (var (page, count) in pages)
            {
                await PageWaits.InteractiveAsync(page, Recovery, servedBy);
                await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // Every page had somewhere to go: none answered "nowhere". (On a loaded machine a page or two may
            // still be reloading when the window ends; it is then closed with the connections and comes back
            // through the usual reconnect, with its state, as checked above.)
            var summary = serving.Output.Single(l => l.Contains("pages moved to other instances", StringComparison.Ordinal));
            output.WriteLine(summary);
            Assert.Contains(", 0 had nowhere to go", summary, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var line in console)
            {
                output.WriteLine($"[page 0] {line}");
            }

            ServerOutput.WriteTo(output, serving, 400);
        }
    }

    [Fact]
    public async Task A_lone_server_with_connected_pages_exits_at_once_on_sigterm_and_the_pages_come_back()
    {
        // A long window: exiting at once cannot be the window running out.
        await using var server = new AppServer(AppBuild.Demo, environment: LongWindowSettings);
        await server.StartAsync();
        var pages = new List<IPage>();
        for (var i = 0; i < 5; i++)
        {
            var page = await OpenAsync(new Uri(server.BaseUri, ProbePage.Path));
            await ProbePage.ClickCounterAsync(page, i + 1);
            pages.Add(page);
        }

        var oldInstance = await PageWaits.InstanceAsync(pages[0]);
        var timeline = await server.DeployAsync(DeployKind.TerminateAndRestart);

        output.WriteLine($"SIGTERM to exit with 5 pages: {timeline.TimeToExit.TotalMilliseconds:F0} ms");
        // Nowhere to move: the pages say so at once, so the drain does not wait for its window.
        Assert.True(timeline.TimeToExit < AtOnce, $"Exit took {timeline.TimeToExit.TotalMilliseconds:F0} ms.");
        for (var i = 0; i < pages.Count; i++)
        {
            await PageWaits.InteractiveAsync(pages[i], Recovery, oldInstance);
            await Expect(pages[i].GetByTestId("counter-value")).ToHaveTextAsync((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Drain_endpoint_moves_the_pages_first_and_the_sigterm_that_follows_exits_at_once()
    {
        // A long window: the SIGTERM exiting at once cannot be the window running out.
        await using var cluster = await TwoInstances.StartAsync(new Dictionary<string, string>(LongWindowSettings) { ["LiveState__Drain__EndpointKey"] = DrainKey });
        var page = await OpenAsync(cluster.Url(ProbePage.Path));
        await ProbePage.ClickCounterAsync(page, 3);
        var serving = await cluster.ServingAsync(page);
        var servedBy = await PageWaits.InstanceAsync(page);
        using var http = new HttpClient { BaseAddress = serving.BaseUri };

        using (var refused = await PostDrainAsync(http, "wrong-key-wrong-key-wrong"))
        {
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
        }

        using (var drained = await PostDrainAsync(http, DrainKey))
        {
            Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
            var body = await drained.Content.ReadAsStringAsync();
            output.WriteLine(body);
            Assert.Contains("\"moved\":1", body, StringComparison.Ordinal);
        }

        // Moved before any signal: interactive elsewhere, with its state; and this instance is out of service.
        await PageWaits.InteractiveAsync(page, Recovery, servedBy);
        await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("3");
        using (var ready = await http.GetAsync(new Uri("_livestate/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        var exit = await serving.StopAsync();
        output.WriteLine($"SIGTERM after the drain endpoint: exit in {exit.TotalMilliseconds:F0} ms");
        Assert.True(exit < AtOnce, $"Exit took {exit.TotalMilliseconds:F0} ms.");
    }

    private static async Task<HttpResponseMessage> PostDrainAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("_livestate/drain", UriKind.Relative));
        request.Headers.Add("X-LiveState-Drain-Key", key);
        return await http.SendAsync(request);
    }
}

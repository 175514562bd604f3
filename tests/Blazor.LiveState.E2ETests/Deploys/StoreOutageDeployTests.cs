using System.Collections.Concurrent;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace Blazor.LiveState.E2ETests.Deploys;

/// <summary>
/// A rolling deploy while the shared store is out (issue 14, item 2): two instances behind nginx keep
/// their Data Protection keys and tab state in Redis, Redis hangs, and the instance serving the page is
/// replaced by a new build. No instance can read its keys or its store, so none is ready: the page must
/// wait (no 500 page, no "failed") and come back by itself, with everything, once Redis answers again.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class StoreOutageDeployTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private static readonly TimeSpan StoreOutageRecovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Deploy_while_Redis_is_out_keeps_the_page_waiting_and_it_recovers_everything_when_Redis_is_back()
    {
        await using var cluster = await TwoInstances.StartAsync();
        var page = await Browser.NewPageAsync();
        var documents = DocumentWatch.Attach(page);
        // Readiness answers other than 200: the instance's 503, or nginx's 502 once it has seen both instances
        // answer 503 (with proxy_next_upstream http_503 a 503 counts as a failed attempt) and skips them a while.
        var notReady = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/_livestate/ready", StringComparison.Ordinal) && response.Status != 200)
            {
                notReady.Enqueue($"{response.Status} {response.Url}");
            }
        };
        await page.GotoAsync(cluster.Url(ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, StoreOutageRecovery);
        await ProbePage.ChangeEverythingAsync(page);
        var serving = await cluster.ServingAsync(page);
        var servedBy = await PageWaits.InstanceAsync(page);

        var passed = false;
        try
        {
            cluster.Redis.Pause();
            await documents.MarkAsync();
            await serving.DeployAsync(DeployKind.NewBuild, AppBuild.DemoNext);
            notReady.Clear();

            // The new build is up, the other old instance never stopped: both answer "not ready" while Redis is out.
            await PageWaits.UntilAsync(() => notReady.Count >= 5, StoreOutageRecovery);
            Assert.True(await documents.IsSameDocumentAsync(), $"The page left while no instance could serve it: {string.Join(" | ", documents.Documents)}");
            Assert.Empty(documents.Failures);
            Assert.DoesNotContain("ls-failed", await page.EvaluateAsync<string>("() => document.documentElement.className"), StringComparison.Ordinal);

            cluster.Redis.Resume();
            await PageWaits.InteractiveAsync(page, StoreOutageRecovery, servedBy);
            var state = await ProbePage.WaitForStateAsync(page, s => s.SurvivorCount == ProbePage.Expected.Count, TimeSpan.FromSeconds(15));
            output.WriteLine(state.ToString());
            Assert.Equal(ProbePage.Expected.Count, state.SurvivorCount);
            Assert.Empty(documents.Failures);
            passed = true;
        }
        finally
        {
            output.WriteLine($"{notReady.Count} readiness answers not 200 after the deploy; documents: {string.Join(" | ", documents.Documents)}");
            if (!passed)
            {
                ServerOutput.WriteTo(output, cluster.First, 40);
                ServerOutput.WriteTo(output, cluster.Second, 40);
            }
        }
    }
}

using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Reconnect;

/// <summary>
/// A reload never lands on an error page and "connected" means connected (issue 14, items 4 and 7), in
/// Chromium against the real demo: a server that is ready but whose pages answer 500, a page address that
/// grew past Kestrel's 8 KB limit through in-app navigation, and a proxy that refuses the Blazor hub.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReloadSafetyTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    [Fact]
    public async Task Ready_server_whose_pages_answer_500_is_not_reloaded_into_and_the_page_recovers_once_they_work()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, documents) = await OpenCountingDocumentsAsync(server, ProbePage.Path);
        await ProbePage.ClickCounterAsync(page, times: 2);
        var oldInstance = await PageWaits.InstanceAsync(page);
        await documents.MarkAsync();
        var refusedPages = 0;
        // A broken deploy: the readiness endpoint, the hub and the scripts work, every page answers 500.
        await page.RouteAsync($"{server.BaseUri}**", async route =>
        {
            var request = route.Request;
            var isPage = request.ResourceType == "document"
                || (request.Headers.TryGetValue("accept", out var accept) && accept.StartsWith("text/html", StringComparison.Ordinal));
            if (isPage)
            {
                Interlocked.Increment(ref refusedPages);
                await route.FulfillAsync(new RouteFulfillOptions { Status = 500, ContentType = "text/html", Body = "<h1>Error</h1>" });
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await server.DeployAsync(DeployKind.KillAndRestart);
        // Every way out (the page, its path, the app's base) was asked for more than once.
        await PageWaits.UntilAsync(() => Volatile.Read(ref refusedPages) >= 6, Recovery);

        Assert.True(await documents.IsSameDocumentAsync(), $"The page reloaded into the failing server: {string.Join(" | ", documents.Documents)}");
        Assert.Contains("ls-reloading", await HtmlClassesAsync(page), StringComparison.Ordinal);

        await page.UnrouteAllAsync();
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
        await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("2");
        Assert.Empty(documents.Failures);
    }

    [Fact]
    public async Task Page_address_past_the_servers_limit_reloads_into_the_same_path_without_its_query()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var documents = DocumentWatch.Attach(page);
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue(message.Text);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await ProbePage.ClickCounterAsync(page, times: 2);
        var oldInstance = await PageWaits.InstanceAsync(page);
        // In-app navigation (the interactive router, no request to the server) to an address Kestrel
        // refuses with 414 once it is asked for (its request line limit is 8 KB).
        var longAddress = $"{ProbePage.Path}?note={new string('x', 9_000)}";
        await page.EvaluateAsync("url => Blazor.navigateTo(url)", longAddress);
        await PageWaits.UntilAsync(page, "() => location.href.length > 9000", Recovery);

        await server.DeployAsync(DeployKind.KillAndRestart);
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);

        Assert.Equal(new Uri(server.BaseUri, ProbePage.Path).ToString(), page.Url);
        Assert.Empty(documents.Failures);
        Assert.Contains(console, line => line.Contains("does not load right now", StringComparison.Ordinal));
        // Tab state is kept per tab, not in the address: it came along.
        await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("2");
        output.WriteLine(string.Join(" | ", documents.Documents.Select(d => d.Length > 120 ? d[..120] + "…" : d)));
    }

    [Fact]
    public async Task Refused_blazor_hub_is_never_shown_as_connected_and_reaches_failed_with_a_reload_that_works_later()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        // Remembers whether ls-connected ever appeared, from the document's first moment.
        await page.AddInitScriptAsync("""
            new MutationObserver(() => {
              if (document.documentElement.classList.contains('ls-connected')) {
                window.__everConnected = true;
              }
            }).observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
            """);
        // A proxy that does not pass the hub through.
        await page.RouteAsync($"{server.BaseUri}_blazor**", route => route.FulfillAsync(new RouteFulfillOptions { Status = 403, Body = "Forbidden" }));
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());

        await WaitForHtmlClassAsync(page, "ls-failed");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__everConnected === true"), "The page was marked connected with no circuit.");
        Assert.Equal("failed", await page.EvaluateAsync<string>("() => BlazorLiveState.state"));
        var reloadButton = page.Locator("[data-livestate-status][data-state=failed] [data-livestate-reload]");
        await Expect(reloadButton).ToBeVisibleAsync();

        await page.UnrouteAllAsync();
        await reloadButton.ClickAsync();
        await PageWaits.InteractiveAsync(page, Recovery);
        await WaitForHtmlClassAsync(page, "ls-connected");
    }

    private static Task<long> WaitForHtmlClassAsync(IPage page, string className) => PageWaits.HtmlClassAsync(page, className, Recovery);

    private static Task<string> HtmlClassesAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.documentElement.className");
}

using System.Text.RegularExpressions;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.UrlState;

/// <summary>
/// [UrlState] on the demo's catalog and projects pages, in Chromium against the real app: the view lives
/// in the URL, survives a kill -9, opens the same from a copied link, walks Back and Forward as each
/// property says, costs no request per write, and shrugs off malformed values.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class UrlStateTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    [Fact]
    public async Task Catalog_view_is_back_exactly_after_kill_and_restart()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/catalog");
        await ChooseAudioByPriceInStockPageTwoAsync(page);
        var before = await ReadCatalogAsync(page);
        var oldInstance = await PageWaits.InstanceAsync(page);

        await server.DeployAsync(DeployKind.KillAndRestart);
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);

        Assert.Equal(before, await ReadCatalogAsync(page));
        Assert.Contains("page=2", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copied_link_opens_the_same_view_already_in_the_prerendered_page()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/catalog");
        await ChooseAudioByPriceInStockPageTwoAsync(page);
        var view = await ReadCatalogAsync(page);

        // The server renders the linked view before any script runs: no flash of page one.
        using var http = new HttpClient();
        var html = await http.GetStringAsync(new Uri(page.Url));
        Assert.Contains($"data-sku=\"{view.FirstSku}\"", html, StringComparison.Ordinal);
        Assert.Matches(PageTwoMarkup(), html);

        // And a new browser (no storage, no history) shows it interactive too.
        var other = await Browser.NewPageAsync();
        await other.GotoAsync(page.Url);
        await PageWaits.InteractiveAsync(other, Recovery);
        Assert.Equal(view, await ReadCatalogAsync(other));
    }

    [Fact]
    public async Task Back_and_forward_walk_the_pages_while_filters_and_typing_replace_the_entry()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/catalog");
        var start = await HistoryLengthAsync(page);

        // Replace: a category and a search typed key by key add no history entries.
        await page.GetByTestId("catalog-category").SelectOptionAsync("Audio");
        await WaitForUrlAsync(page, "category=Audio");
        await page.GetByTestId("catalog-search").PressSequentiallyAsync("S", new() { Delay = 30 });
        await WaitForUrlAsync(page, "q=S");
        Assert.Equal(start, await HistoryLengthAsync(page));

        // Push: each page is a history entry.
        await page.GetByTestId("catalog-next").ClickAsync();
        await WaitForUrlAsync(page, "page=2");
        await page.GetByTestId("catalog-next").ClickAsync();
        await WaitForUrlAsync(page, "page=3");
        Assert.Equal(start + 2, await HistoryLengthAsync(page));

        await page.GoBackAsync();
        await Expect(page.GetByTestId("catalog-page")).ToHaveTextAsync("2");
        await page.GoBackAsync();
        await Expect(page.GetByTestId("catalog-page")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("catalog-category")).ToHaveValueAsync("Audio");
        await Expect(page.GetByTestId("catalog-search")).ToHaveValueAsync("S");
        await page.GoForwardAsync();
        await Expect(page.GetByTestId("catalog-page")).ToHaveTextAsync("2");
        Assert.Contains("page=2", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_write_sends_no_request_to_the_server()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/probe");
        // The form's recovery module loads once, after the first render: let that finish first.
        await Expect(page.Locator("[data-livestate-attached]")).ToHaveCountAsync(1);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var requests = new List<string>();
        page.Request += (_, request) =>
        {
            // Chromium asks for the favicon again after every same-document URL change (history.pushState
            // does it too, without Blazor); it is the browser's, not a request of the app or the kit.
            if (!request.Url.EndsWith("/favicon.png", StringComparison.Ordinal))
            {
                requests.Add($"{request.Method} {request.Url}");
            }
        };
        var sockets = 0;
        page.WebSocket += (_, _) => sockets++;

        await page.GetByTestId("tab-history").ClickAsync();
        await WaitForUrlAsync(page, "tab=history");
        await page.GetByTestId("list-next").ClickAsync();
        await WaitForUrlAsync(page, "page=2");
        await page.GetByTestId("list-filter").PressSequentiallyAsync("2", new() { Delay = 30 });
        await WaitForUrlAsync(page, "filter=2");

        Assert.Empty(requests);
        Assert.Equal(0, sockets);
    }

    [Fact]
    public async Task Malformed_query_values_keep_the_defaults_are_logged_and_the_page_stays_live()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };
        // Over the kit's 2 048-character limit but under Kestrel's 8 KB request line (a longer URL never
        // reaches the app: Kestrel answers 414).
        var longValue = new string('x', 5_000);
        await page.GotoAsync(new Uri(server.BaseUri, $"/catalog?page=99999999999999999999&instock=maybe&q={longValue}&sort=%3Cscript%3Ealert(1)%3C%2Fscript%3E").ToString());
        await PageWaits.InteractiveAsync(page, Recovery);

        await Expect(page.GetByTestId("catalog-page")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("catalog-instock")).Not.ToBeCheckedAsync();
        await Expect(page.GetByTestId("catalog-search")).ToHaveValueAsync("");
        // An unknown sort order is a valid string; the page falls back to its default and says so in the URL.
        await Expect(page.GetByTestId("catalog-sort")).ToHaveValueAsync("name");
        await ServerOutput.WaitForLogAsync(server, "Catalog.Page: the query value of 'page' was ignored (not a valid value of its type)", output);
        await ServerOutput.WaitForLogAsync(server, "Catalog.InStockOnly: the query value of 'instock' was ignored", output);
        await ServerOutput.WaitForLogAsync(server, "Catalog.Search: the query value of 'q' was ignored (longer than 2048 characters)", output);

        // The circuit is fine: the page still works, and the URL now says what it shows.
        await page.GetByTestId("catalog-next").ClickAsync();
        await Expect(page.GetByTestId("catalog-page")).ToHaveTextAsync("2");
        await WaitForUrlAsync(page, "page=2");

        await page.GotoAsync(new Uri(server.BaseUri, "/projects?tab=Nope&kind=7&project=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E").ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.GetByTestId("tab-panel-overview")).ToBeVisibleAsync();
        await ServerOutput.WaitForLogAsync(server, "Projects.Tab: the query value of 'tab' was ignored", output);
        await ServerOutput.WaitForLogAsync(server, "Projects.Kind: the query value of 'kind' was ignored", output);
        await page.GetByTestId("tab-activity").ClickAsync();
        await WaitForUrlAsync(page, "tab=Activity");

        Assert.Equal(0, dialogs);
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
        Assert.Single(server.Output, l => l.Contains("the query value of 'page' was ignored (", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-5", "1", "Item 1")]
    [InlineData("0", "1", "Item 1")]
    [InlineData("99", "6", "Item 51")]
    public async Task Page_number_out_of_range_in_the_url_shows_the_nearest_page(string linked, string shown, string firstRow)
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, $"/probe?page={linked}");

        await Expect(page.GetByTestId("list-page")).ToHaveTextAsync(shown);
        await Expect(page.Locator(".probe-pager")).ToContainTextAsync($"Page {shown} of 6");
        await Expect(page.GetByTestId("list-row").First).ToHaveTextAsync(firstRow);

        // The pager moves from the page shown, and the URL then says it.
        var next = shown == "6" ? "list-prev" : "list-next";
        var expected = shown == "6" ? "5" : "2";
        await page.GetByTestId(next).ClickAsync();
        await Expect(page.GetByTestId("list-page")).ToHaveTextAsync(expected);
        await WaitForUrlAsync(page, $"page={expected}");
    }

    [Fact]
    public async Task Tabs_of_the_projects_page_are_in_the_url_and_back_returns_to_the_previous_tab()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/projects");

        await page.GetByTestId("tab-activity").ClickAsync();
        await WaitForUrlAsync(page, "tab=Activity");
        await page.GetByTestId("activity-filter-deploy").ClickAsync();
        await WaitForUrlAsync(page, "kind=Deploy");
        await page.GetByTestId("tab-settings").ClickAsync();
        await WaitForUrlAsync(page, "tab=Settings");

        await page.GoBackAsync();
        await Expect(page.GetByTestId("tab-panel-activity")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("activity-filter-deploy")).ToHaveClassAsync(new Regex("active"));
        await page.GoBackAsync();
        await Expect(page.GetByTestId("tab-panel-overview")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_search_too_long_for_the_url_works_on_the_page_keeps_the_last_url_and_the_page_comes_back_after_a_restart()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/catalog");
        var everything = await page.GetByTestId("catalog-count").TextContentAsync();
        await page.GetByTestId("catalog-search").FillAsync("a");
        await WaitForUrlAsync(page, "q=a");
        // The search runs after the URL write: wait for its result (fewer products than the whole catalog).
        await Expect(page.GetByTestId("catalog-count")).Not.ToHaveTextAsync(everything!);
        var matchesForA = await page.GetByTestId("catalog-count").TextContentAsync();

        // Longer than the kit reads back from a URL (2 048 characters): a reload would drop it.
        var tooLong = new string('z', 2_100);
        await page.GetByTestId("catalog-search").FillAsync(tooLong);
        await ServerOutput.WaitForLogAsync(server, "'q' was not written to the URL: a value of 2100 characters", output);

        // The page searches for what the user typed; the address keeps the last value it can carry.
        await Expect(page.GetByTestId("catalog-count")).ToHaveTextAsync("0");
        Assert.Contains("q=a", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("zzz", page.Url, StringComparison.Ordinal);

        var oldInstance = await PageWaits.InstanceAsync(page);
        await server.DeployAsync(DeployKind.KillAndRestart);
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
        await Expect(page.GetByTestId("catalog-search")).ToHaveValueAsync("a");
        await Expect(page.GetByTestId("catalog-count")).ToHaveTextAsync(matchesForA!);
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
    }

    private static async Task ChooseAudioByPriceInStockPageTwoAsync(IPage page)
    {
        // Each change waits for the URL, as a user waits for the list: Blazor Server drops an event that a busy
        // circuit receives while the previous change re-renders the controls (see docs/troubleshooting.md).
        await page.GetByTestId("catalog-category").SelectOptionAsync("Audio");
        await WaitForUrlAsync(page, "category=Audio");
        await page.GetByTestId("catalog-sort").SelectOptionAsync("price-desc");
        await WaitForUrlAsync(page, "sort=price-desc");
        await page.GetByTestId("catalog-instock").CheckAsync();
        await WaitForUrlAsync(page, "instock=true");
        await page.GetByTestId("catalog-next").ClickAsync();
        await WaitForUrlAsync(page, "page=2");
        await Expect(page.GetByTestId("catalog-page")).ToHaveTextAsync("2");
    }

    private static async Task<CatalogView> ReadCatalogAsync(IPage page)
    {
        await Expect(page.GetByTestId("catalog-row").First).ToBeVisibleAsync();
        return new CatalogView(
            await page.GetByTestId("catalog-category").InputValueAsync(),
            await page.GetByTestId("catalog-sort").InputValueAsync(),
            await page.GetByTestId("catalog-instock").IsCheckedAsync(),
            await page.GetByTestId("catalog-page").TextContentAsync() ?? "",
            await page.GetByTestId("catalog-row").First.GetAttributeAsync("data-sku") ?? "");
    }

    private static Task<long> WaitForUrlAsync(IPage page, string part) =>
        PageWaits.UntilAsync(page, "part => location.search.includes(part)", TimeSpan.FromSeconds(10), part);

    private static Task<int> HistoryLengthAsync(IPage page) => page.EvaluateAsync<int>("() => history.length");

    [GeneratedRegex("data-testid=\"catalog-page\"[^>]*>2<")]
    private static partial Regex PageTwoMarkup();

    private sealed record CatalogView(string Category, string Sort, bool InStock, string Page, string FirstSku);
}

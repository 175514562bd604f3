using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace Blazor.LiveState.E2ETests.Demo;

/// <summary>Every page of the demo renders, becomes interactive and loads the kit's JS initializer once.</summary>
[Collection(BrowserTests.Name)]
public sealed class DemoPageTests(BrowserFixture browser, DemoServerFixture demo, ITestOutputHelper output) : BrowserTest(browser), IClassFixture<DemoServerFixture>
{
    public static TheoryData<string> Routes => ["/", "/projects", "/catalog", "/chat", "/checkout", "/game", ProbePage.Path];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Page_renders_and_becomes_interactive(string route)
    {
        var page = await Browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(new Uri(demo.Server.BaseUri, route).ToString());
        await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(30));

        Assert.Equal(200, response!.Status);
        Assert.Equal("started", await page.EvaluateAsync<string?>("() => document.documentElement.dataset.liveState ?? null"));
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "Blazor's error UI is showing.");
        Assert.True(errors.Count == 0, $"Console errors on {route}: {string.Join(" | ", errors)}");
        output.WriteLine($"{route}: {await page.TitleAsync()}");
    }
}

using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>
/// What a [TabState] change costs: the deploy-check counter clicked in the demo (where it is tab state)
/// and in the stock app (a plain field), the difference being the save; and the size of what is saved.
/// </summary>
/// <remarks>
/// The server runs without tiered compilation, and the counted clicks follow <see cref="WarmUpClicks"/> others:
/// with tiering on, most of a click's CPU over a few dozen clicks is the runtime compiling hot methods again, which
/// hides a difference of a millisecond and moved the ratio from 0.87 to 1.36 between days.
/// </remarks>
internal sealed class TabStateCost(Chromium chromium)
{
    public const int WarmUpClicks = 100;

    public const int Clicks = 200;

    private static readonly Dictionary<string, string> SteadyState = new() { ["DOTNET_TieredCompilation"] = "0" };

    public async Task<TabStateResult> MeasureAsync(string name, AppBuild build)
    {
        await using var server = new AppServer(build, environment: SteadyState);
        await server.StartAsync();
        var context = await chromium.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var wire = WireCounter.Attach(page, server);
            await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
            await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(60));
            await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            for (var i = 1; i <= WarmUpClicks; i++)
            {
                await ClickAsync(page, i);
            }

            wire.Start();
            for (var i = WarmUpClicks + 1; i <= WarmUpClicks + Clicks; i++)
            {
                await ClickAsync(page, i);
            }

            // The save follows the render; give the last one time to arrive before counting stops.
            await page.WaitForTimeoutAsync(200);
            var count = wire.Stop();
            var entry = await page.EvaluateAsync<int>("() => Object.values(JSON.parse(sessionStorage.getItem('blazor-livestate:tab') ?? '{\"entries\":{}}').entries ?? {}).reduce((n, t) => n + t.length, 0)");
            return new TabStateResult(name, count, Clicks, entry);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    private static async Task ClickAsync(Microsoft.Playwright.IPage page, int expected)
    {
        await page.GetByTestId("counter-increment").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("counter-value")).ToHaveTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Per-click averages, and the size of the sealed state the browser keeps.</summary>
internal sealed record TabStateResult(string Name, WireCount Total, int Clicks, int SealedCharacters)
{
    public double BytesReceivedPerClick => (double)Total.BytesReceived / Clicks;

    public double BytesSentPerClick => (double)Total.BytesSent / Clicks;

    public double ServerCpuMsPerClick => Total.ServerCpu.TotalMilliseconds / Clicks;
}

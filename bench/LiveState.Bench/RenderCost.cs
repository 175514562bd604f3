using System.Globalization;
using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// What a large render costs the browser's main thread, with the kit and without: the same page renders
/// 2 000 table rows of five cells (14 000 elements) and clears them, and Chromium's own counters say how much
/// script and task time each render took. The kit watches a page's DOM changes only when the tab holds a
/// stored form of that page (to restore it without waiting for the server), and only until its forms are back
/// or 10 s have passed, so that case is measured apart, while watched and after.
/// </summary>
internal sealed class RenderCost(Chromium chromium)
{
    /// <summary>Rows per render, as the page renders them (RenderBench.razor's RowCount).</summary>
    public const int Rows = 2_000;

    /// <param name="name">The row's name in the report.</param>
    /// <param name="build">The app.</param>
    /// <param name="renders">How many renders to take the median of.</param>
    /// <param name="storedForm">Whether the tab holds a form of this page stored by &lt;FormRecovery /&gt;.</param>
    /// <param name="wait">How long to leave the interactive page alone before measuring.</param>
    public async Task<RenderCostResult> MeasureAsync(string name, AppBuild build, int renders, bool storedForm, TimeSpan wait)
    {
        await using var server = new AppServer(build);
        await server.StartAsync();
        var context = await chromium.NewContextAsync();
        try
        {
            if (storedForm)
            {
                await context.AddInitScriptAsync("sessionStorage.setItem('blazor-livestate:form:/bench/render#order', '{}');");
            }

            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.BaseUri, "/bench/render").ToString());
            await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(60), selector: "[data-testid=render-bench]");
            // A fixed wait, not a condition: the script's watch has no outward sign, it ends on a timer.
            await Task.Delay(wait);
            var devTools = await context.NewCDPSessionAsync(page);
            await devTools.SendAsync("Performance.enable");

            // One render and clear first: the server's and the browser's first run of this code is not the measured one.
            await ToggleAsync(page, Rows);
            await ToggleAsync(page, 0);

            var script = new List<double>();
            var task = new List<double>();
            for (var i = 0; i < renders; i++)
            {
                var before = await CountersAsync(devTools);
                await ToggleAsync(page, Rows);
                var after = await CountersAsync(devTools);
                script.Add(after.ScriptMs - before.ScriptMs);
                task.Add(after.TaskMs - before.TaskMs);
                await ToggleAsync(page, 0);
            }

            // How old the document was at the last render: a watched page's numbers hold only inside the watch.
            var pageAgeMs = await page.EvaluateAsync<double>("() => performance.now()");
            return new RenderCostResult(name, Statistics.Median(script), Statistics.Median(task), pageAgeMs);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    private static async Task ToggleAsync(IPage page, int expectedRows)
    {
        await page.GetByTestId("toggle-rows").ClickAsync();
        await Assertions.Expect(page.GetByTestId("row-count")).ToHaveTextAsync(expectedRows.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Chromium's running totals for this page: time spent running script, and in tasks of any kind.</summary>
    private static async Task<(double ScriptMs, double TaskMs)> CountersAsync(ICDPSession devTools)
    {
        var answer = await devTools.SendAsync("Performance.getMetrics") ?? throw new InvalidOperationException("Chromium sent no metrics.");
        double Seconds(string metric) => answer.GetProperty("metrics").EnumerateArray()
            .First(m => m.GetProperty("name").GetString() == metric).GetProperty("value").GetDouble();
        return (Seconds("ScriptDuration") * 1000, Seconds("TaskDuration") * 1000);
    }
}

/// <summary>
/// Medians per render of 2 000 rows: main-thread script time and all main-thread task time, in ms; and the page's
/// age when the last render ended.
/// </summary>
internal sealed record RenderCostResult(string Name, double ScriptMs, double TaskMs, double PageAgeMs);

using System.Globalization;
using System.Text.Json;
using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// What a large render costs the browser's main thread with the kit installed and without: the stock app's page
/// renders 2 000 table rows of five cells (14 000 elements) and clears them, in the stock app and in the same app
/// with the kit installed, open side by side in one browser and rendering in turns, so that the machine's drift
/// falls on both alike. Chromium's own counters say how much script and task time each render took. Then a
/// sampling profile of more renders in the kit's page says how much of its script was the kit's own.
/// The kit reacts to a stored form of the page it is on, so that case is measured apart, while the page is
/// young and after 11 s.
/// </summary>
internal sealed class RenderCost(Chromium chromium)
{
    /// <summary>Rows per render, as the page renders them (RenderBench.razor's RowCount).</summary>
    public const int Rows = 2_000;

    // Where the browser loads the kit's scripts from: the profile's frames from these files are the kit's own.
    private const string KitScripts = "/_content/Blazor.LiveState/";

    /// <param name="name">The row's name in the report.</param>
    /// <param name="stock">The app without the kit.</param>
    /// <param name="kit">The same app with the kit installed.</param>
    /// <param name="renders">How many renders of each to take the median of.</param>
    /// <param name="storedForm">Whether the kit's tab holds a form of this page stored by &lt;FormRecovery /&gt;.</param>
    /// <param name="wait">How long to leave the interactive pages alone before measuring.</param>
    public async Task<RenderCostResult> MeasureAsync(string name, AppBuild stock, AppBuild kit, int renders, bool storedForm, TimeSpan wait)
    {
        await using var stockServer = new AppServer(stock);
        await using var kitServer = new AppServer(kit);
        await Task.WhenAll(stockServer.StartAsync(), kitServer.StartAsync());
        await using var stockPage = await RenderPage.OpenAsync(chromium, stockServer, storedForm: false);
        await using var kitPage = await RenderPage.OpenAsync(chromium, kitServer, storedForm);
        // A fixed wait, not a condition: what the kit does for a young page has no outward sign.
        await Task.Delay(wait);

        // One render and clear each first: the servers' and the browser's first run of this code is not the measured one.
        await stockPage.RenderAndClearAsync();
        await kitPage.RenderAndClearAsync();

        var stockRenders = new List<RenderSample>();
        var kitRenders = new List<RenderSample>();
        for (var i = 0; i < renders; i++)
        {
            // Turns alternate which page goes first, so that neither always renders right after the other.
            var (first, firstList, second, secondList) = i % 2 == 0
                ? (stockPage, stockRenders, kitPage, kitRenders)
                : (kitPage, kitRenders, stockPage, stockRenders);
            firstList.Add(await first.RenderAndClearAsync());
            secondList.Add(await second.RenderAndClearAsync());
        }

        var kitShare = await kitPage.ProfileAsync(renders);
        var pageAgeMs = await kitPage.Page.EvaluateAsync<double>("() => performance.now()");
        return new RenderCostResult(name, RenderSummary.Of(stockRenders), RenderSummary.Of(kitRenders), kitShare, pageAgeMs);
    }

    /// <summary>One app's render page in a context of its own, with Chromium's counters at hand.</summary>
    private sealed class RenderPage(IBrowserContext context, IPage page, ICDPSession devTools) : IAsyncDisposable
    {
        public IPage Page => page;

        public static async Task<RenderPage> OpenAsync(Chromium chromium, AppServer server, bool storedForm)
        {
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
                var devTools = await context.NewCDPSessionAsync(page);
                await devTools.SendAsync("Performance.enable");
                return new RenderPage(context, page, devTools);
            }
            catch
            {
                await context.DisposeAsync();
                throw;
            }
        }

        /// <summary>Renders the rows (measured) and clears them again (not measured).</summary>
        public async Task<RenderSample> RenderAndClearAsync()
        {
            var before = await CountersAsync();
            var painted = await ToggleAsync(Rows);
            var after = await CountersAsync();
            await ToggleAsync(0);
            return new RenderSample(after.ScriptMs - before.ScriptMs, after.TaskMs - before.TaskMs, painted);
        }

        /// <summary>
        /// Renders and clears <paramref name="renders"/> more times under V8's sampling profiler, and returns the
        /// kit's own script time per render and clear, and its share of all script time in that profile.
        /// </summary>
        public async Task<KitScriptShare> ProfileAsync(int renders)
        {
            await devTools.SendAsync("Profiler.enable");
            await devTools.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 100 });
            await devTools.SendAsync("Profiler.start");
            for (var i = 0; i < renders; i++)
            {
                await ToggleAsync(Rows);
                await ToggleAsync(0);
            }

            var answer = await devTools.SendAsync("Profiler.stop") ?? throw new InvalidOperationException("Chromium sent no profile.");
            await devTools.SendAsync("Profiler.disable");
            var (kitMs, scriptMs) = ScriptTimes(answer.GetProperty("profile"));
            return new KitScriptShare(kitMs / renders, scriptMs / renders);
        }

        /// <summary>The profile's self time in the kit's scripts, and in any script (idle, program and GC left out).</summary>
        private static (double KitMs, double ScriptMs) ScriptTimes(JsonElement profile)
        {
            var nodes = new Dictionary<int, (string Function, string Url)>();
            foreach (var node in profile.GetProperty("nodes").EnumerateArray())
            {
                var frame = node.GetProperty("callFrame");
                nodes[node.GetProperty("id").GetInt32()] = (frame.GetProperty("functionName").GetString() ?? "", frame.GetProperty("url").GetString() ?? "");
            }

            double kitMicroseconds = 0, scriptMicroseconds = 0;
            var samples = profile.GetProperty("samples").EnumerateArray().Select(s => s.GetInt32()).ToArray();
            var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(d => d.GetDouble()).ToArray();
            // A sample's time is the delta to the next one.
            for (var i = 0; i + 1 < samples.Length; i++)
            {
                var (function, url) = nodes[samples[i]];
                if (function is "(idle)" or "(program)" or "(garbage collector)" or "(root)")
                {
                    continue;
                }

                scriptMicroseconds += deltas[i + 1];
                if (url.Contains(KitScripts, StringComparison.Ordinal))
                {
                    kitMicroseconds += deltas[i + 1];
                }
            }

            return (kitMicroseconds / 1000, scriptMicroseconds / 1000);
        }

        /// <summary>
        /// Clicks the toggle from inside the page and waits there, without Playwright polling the page (its queries
        /// run on the main thread and would count as script): a MutationObserver on the row count sees the render
        /// land, then two animation frames let the browser lay out and paint it. Resolves with the milliseconds from
        /// the click to that second frame.
        /// </summary>
        private async Task<double> ToggleAsync(int expectedRows) =>
            await page.EvaluateAsync<double>(
                """
                expected => new Promise((resolve, reject) => {
                  const count = document.querySelector('[data-testid=row-count]');
                  const started = performance.now();
                  const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
                  const timeout = setTimeout(() => { observer.disconnect(); reject(new Error(`row count ${count.textContent}, expected ${expected}`)); }, 30000);
                  const observer = new MutationObserver(() => {
                    if (count.textContent === expected) {
                      observer.disconnect();
                      clearTimeout(timeout);
                      painted();
                    }
                  });
                  observer.observe(count, { childList: true, characterData: true, subtree: true });
                  document.querySelector('[data-testid=toggle-rows]').click();
                })
                """,
                expectedRows.ToString(CultureInfo.InvariantCulture));

        /// <summary>Chromium's running totals for this page: time spent running script, and in tasks of any kind.</summary>
        private async Task<(double ScriptMs, double TaskMs)> CountersAsync()
        {
            var answer = await devTools.SendAsync("Performance.getMetrics") ?? throw new InvalidOperationException("Chromium sent no metrics.");
            double Seconds(string metric) => answer.GetProperty("metrics").EnumerateArray()
                .First(m => m.GetProperty("name").GetString() == metric).GetProperty("value").GetDouble();
            return (Seconds("ScriptDuration") * 1000, Seconds("TaskDuration") * 1000);
        }

        public async ValueTask DisposeAsync() => await context.DisposeAsync();
    }
}

/// <summary>One render of the rows: main-thread script and task time, and the click to the rows painted, in ms.</summary>
internal sealed record RenderSample(double ScriptMs, double TaskMs, double PaintedMs);

/// <summary>Medians of one app's renders in one run.</summary>
internal sealed record RenderSummary(double ScriptMs, double TaskMs, double PaintedMs)
{
    public static RenderSummary Of(IReadOnlyCollection<RenderSample> samples) => new(
        Statistics.Median(samples.Select(s => s.ScriptMs)),
        Statistics.Median(samples.Select(s => s.TaskMs)),
        Statistics.Median(samples.Select(s => s.PaintedMs)));
}

/// <summary>From the profile of the kit's page: the kit's own script per render and clear, and all script.</summary>
internal sealed record KitScriptShare(double KitMs, double ScriptMs)
{
    public double Percent => ScriptMs > 0 ? 100 * KitMs / ScriptMs : 0;
}

/// <summary>One run of one case: the two apps' medians side by side, the kit's share, and the kit page's age at the end.</summary>
internal sealed record RenderCostResult(string Name, RenderSummary Stock, RenderSummary Kit, KitScriptShare KitShare, double PageAgeMs)
{
    public double ScriptRatio => Kit.ScriptMs / Stock.ScriptMs;

    public double TaskRatio => Kit.TaskMs / Stock.TaskMs;

    public double PaintedRatio => Kit.PaintedMs / Stock.PaintedMs;
}

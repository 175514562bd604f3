using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>
/// What one URL write costs: the same two values changed by one click, written by [UrlState] or by a
/// hand-written <c>NavigateTo</c>, with an interactive router (the demo) and without one (the template's
/// per-page interactivity): HTTP requests, WebSocket bytes, server CPU and time until the address bar shows it.
/// </summary>
internal sealed class UrlWriteCost(Chromium chromium)
{
    public const int Writes = 40;

    public async Task<UrlWriteResult> MeasureAsync(string name, AppBuild build, string button, string stepKey)
    {
        await using var server = new AppServer(build);
        await server.StartAsync();
        var context = await chromium.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            // Timestamps in the page itself: the click, and the history update that puts the URL in place.
            await page.AddInitScriptAsync("""
                (() => {
                  addEventListener('click', () => { window.__clickAt = performance.now(); }, true);
                  for (const name of ['pushState', 'replaceState']) {
                    const original = history[name].bind(history);
                    history[name] = (...args) => { window.__urlAt = performance.now(); return original(...args); };
                  }
                })();
                """);
            var wire = WireCounter.Attach(page, server);
            await page.GotoAsync(new Uri(server.BaseUri, "/bench/url-writes").ToString());
            await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(60));
            await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

            // Warm the path once, then measure.
            await WriteAsync(page, button, stepKey, 1);
            var latencies = new List<double>();
            wire.Start();
            for (var i = 2; i <= Writes + 1; i++)
            {
                await WriteAsync(page, button, stepKey, i);
                latencies.Add(await page.EvaluateAsync<double>("() => window.__urlAt - window.__clickAt"));
                // Clicks a person makes, not a burst the kit would merge: past its 50 ms throttle.
                await page.WaitForTimeoutAsync(80);
            }

            var count = wire.Stop();
            latencies.Sort();
            return new UrlWriteResult(name, count, Writes, latencies[latencies.Count / 2]);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    private static async Task WriteAsync(Microsoft.Playwright.IPage page, string button, string stepKey, int step)
    {
        await page.GetByTestId(button).ClickAsync();
        await PageWaits.UntilAsync(page, "s => new URLSearchParams(location.search).get(s[0]) === s[1]", TimeSpan.FromSeconds(10), new[] { stepKey, step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}

/// <summary>Per-write averages of one way of writing the URL.</summary>
internal sealed record UrlWriteResult(string Name, WireCount Total, int Writes, double MedianLatencyMs)
{
    public double RequestsPerWrite => (double)Total.Requests / Writes;

    public double BytesSentPerWrite => (double)Total.BytesSent / Writes;

    public double BytesReceivedPerWrite => (double)Total.BytesReceived / Writes;

    public double ServerCpuMsPerWrite => Total.ServerCpu.TotalMilliseconds / Writes;
}

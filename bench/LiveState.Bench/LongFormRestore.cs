using System.Diagnostics;
using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>
/// How long &lt;FormRecovery /&gt; takes to put back a 50-field form: from the page being interactive
/// on the new server to the server's model holding all 50 values.
/// </summary>
internal sealed class LongFormRestore(Chromium chromium)
{
    private const string Path = "/probe/long-form";

    public async Task<TimeSpan> MeasureAsync(AppBuild build)
    {
        await using var server = new AppServer(build);
        await server.StartAsync();
        var context = await chromium.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.BaseUri, Path).ToString());
            await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(60));
            var fields = page.GetByTestId("long-field");
            var count = await fields.CountAsync();
            for (var i = 0; i < count; i++)
            {
                await fields.Nth(i).FillAsync($"value {i + 1}, with ünïcode & 50% + more");
                await fields.Nth(i).BlurAsync();
            }

            await PageWaits.UntilAsync(page, $"() => document.querySelector('[data-testid=filled-count]')?.textContent === '{count}'", TimeSpan.FromSeconds(30));
            var oldInstance = await PageWaits.InstanceAsync(page);

            await server.DeployAsync(DeployKind.KillAndRestart);
            var interactive = await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(60), oldInstance);
            var restored = await PageWaits.UntilAsync(page, $"() => document.querySelector('[data-testid=filled-count]')?.textContent === '{count}'", TimeSpan.FromSeconds(30));
            return Stopwatch.GetElapsedTime(interactive, restored);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}

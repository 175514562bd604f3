using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// SIGTERM to exit with N connected pages: a stock app (whose pages reconnect to the stopping process,
/// dotnet/aspnetcore#58947), the kit on a lone server, and the kit with a second instance behind nginx
/// (with Redis), where the pages move.
/// </summary>
internal sealed class ShutdownCost(Chromium chromium)
{
    public const int Pages = 20;

    public async Task<ShutdownResult> LoneServerAsync(string name, AppBuild build, int pages = Pages)
    {
        await using var server = new AppServer(build);
        await server.StartAsync();
        var contexts = await OpenPagesAsync(new Uri(server.BaseUri, ProbePage.Path), pages);
        try
        {
            var exit = await server.StopAsync(timeout: TimeSpan.FromSeconds(90));
            return new ShutdownResult(name, pages, exit, null);
        }
        finally
        {
            await CloseAsync(contexts);
        }
    }

    public async Task<ShutdownResult> BehindProxyAsync(string name)
    {
        await using var cluster = await TwoInstances.StartAsync();
        var contexts = await OpenPagesAsync(cluster.Url(ProbePage.Path));
        try
        {
            // Every test client comes from 127.0.0.1, so nginx's ip_hash put all pages on one instance.
            var serving = await cluster.ServingAsync(contexts[0].Pages[0]);
            var exit = await serving.StopAsync(timeout: TimeSpan.FromSeconds(90));
            var summary = serving.Output.LastOrDefault(l => l.Contains("pages moved to other instances", StringComparison.Ordinal))?.Trim();
            return new ShutdownResult(name, Pages, exit, summary);
        }
        finally
        {
            await CloseAsync(contexts);
        }
    }

    private async Task<List<IBrowserContext>> OpenPagesAsync(Uri url, int pages = Pages)
    {
        var contexts = new List<IBrowserContext>();
        for (var i = 0; i < pages; i++)
        {
            var context = await chromium.NewContextAsync();
            contexts.Add(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync(url.ToString());
            await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(60));
        }

        return contexts;
    }

    private static async Task CloseAsync(List<IBrowserContext> contexts)
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }
    }
}

/// <summary>How long a process took from SIGTERM to exit with pages connected.</summary>
internal sealed record ShutdownResult(string Name, int Pages, TimeSpan Exit, string? DrainSummary);

using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>
/// What installing the kit costs a page load: the stock app's deploy-check page, which uses none of the kit's
/// attributes, built without the kit and with it (<see cref="AppBuild.StockWithKit"/>), each loaded first on a
/// freshly started server in a browser already warm for the origin, as the deploy rows' fresh loads are.
/// </summary>
internal sealed class FreshLoadCost(Chromium chromium)
{
    /// <returns>From navigation start to the page being interactive.</returns>
    public async Task<TimeSpan> MeasureAsync(AppBuild build)
    {
        await using var server = new AppServer(build);
        await server.StartAsync();
        await using var watched = await WatchedProbePage.OpenAsync(chromium);
        return await watched.FirstLoadOnNewServerAsync(server, new Uri(server.BaseUri, ProbePage.Path));
    }
}

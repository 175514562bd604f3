using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace Blazor.LiveState.E2ETests.Deploys;

/// <summary>
/// Two demo instances behind nginx, sharing Data Protection keys: the ground for rolling deploys.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReverseProxyTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    [Fact]
    public async Task Page_moves_to_the_other_instance_when_its_instance_stops()
    {
        var shared = Directory.CreateTempSubdirectory("livestate-rolling-").FullName;
        await using var first = new AppServer(AppBuild.Demo, shared);
        await using var second = new AppServer(AppBuild.Demo, shared);
        // One after the other: two processes starting on an empty key folder would each make their own key.
        await first.StartAsync();
        await second.StartAsync();
        await using var proxy = await ReverseProxy.StartAsync([first.BaseUri, second.BaseUri]);
        var page = await Browser.NewPageAsync();

        await page.GotoAsync(new Uri(proxy.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(30));
        var servedBy = await PageWaits.InstanceAsync(page);
        var (serving, other) = await ProbePage.InstanceOfAsync(first) == servedBy ? (first, second) : (second, first);
        var otherInstance = await ProbePage.InstanceOfAsync(other);
        Assert.NotEqual(servedBy, otherInstance);

        try
        {
            await serving.StopAsync();
            await PageWaits.InteractiveAsync(page, Recovery, notInstance: servedBy);

            Assert.Equal(otherInstance, await PageWaits.InstanceAsync(page));
        }
        finally
        {
            output.WriteLine(proxy.ErrorLog);
        }
    }
}

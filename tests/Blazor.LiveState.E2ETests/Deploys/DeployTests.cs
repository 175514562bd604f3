using System.Diagnostics;
using System.Net.Http.Json;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace Blazor.LiveState.E2ETests.Deploys;

/// <summary>
/// Real deploys of the demo app: the process is killed or stopped and a new one starts on the same
/// address while a page is open in Chromium. The page must come back on its own.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DeployTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    [Theory]
    [InlineData(DeployKind.KillAndRestart)]
    [InlineData(DeployKind.TerminateAndRestart)]
    [InlineData(DeployKind.NewBuild)]
    public async Task Page_is_interactive_again_after_the_deploy_without_a_manual_reload(DeployKind kind)
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, documents) = await OpenCountingDocumentsAsync(server, ProbePage.Path);
        var oldInstance = await PageWaits.InstanceAsync(page);
        await ProbePage.ClickCounterAsync(page, 1);

        try
        {
            var timeline = await server.DeployAsync(kind, AppBuild.DemoNext);
            var interactiveAt = await PageWaits.InteractiveAsync(page, Recovery, notInstance: oldInstance);

            output.WriteLine($"{kind}: old process exited in {timeline.TimeToExit.TotalMilliseconds:F0} ms, " +
                $"down {timeline.Downtime.TotalMilliseconds:F0} ms, interactive {Stopwatch.GetElapsedTime(timeline.AnsweredAt, interactiveAt).TotalMilliseconds:F0} ms after the new server answered");
            // The new circuit handles events: the page is not just painted, it is live.
            await ProbePage.ClickCounterAsync(page, 1);
            // It never showed an error page on the way: every document it loaded was the app's page.
            Assert.Empty(documents.Failures);
            // A crash reloads the page; a planned stop (SIGTERM) resumes it in the same document.
            Assert.Equal(kind == DeployKind.KillAndRestart ? 2 : 1, documents.Documents.Count);
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task New_build_reports_its_version_on_the_readiness_endpoint()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var before = await http.GetFromJsonAsync<Readiness>("_livestate/ready");
        await server.DeployAsync(DeployKind.NewBuild, AppBuild.DemoNext);
        var after = await http.GetFromJsonAsync<Readiness>("_livestate/ready");

        Assert.True(before!.Ready);
        Assert.True(after!.Ready);
        Assert.StartsWith("2.0.0-next", after.Build, StringComparison.Ordinal);
        Assert.NotEqual(before.Build, after.Build);
    }

    private sealed record Readiness(bool Ready, string Build);
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace Blazor.LiveState.E2ETests.Deploys;

/// <summary>
/// <c>samples/LiveState.Demo/deploy/rolling.sh</c>, the script the docs give users to try a rolling deploy, run as
/// they run it (on free ports here): it starts Redis, two instances and nginx, replaces both instances with a new
/// build while a page stays open, and stops everything it started.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class RollingScriptTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private static readonly string Script = Path.Combine(RepositoryRoot.Path, "samples", "LiveState.Demo", "deploy", "rolling.sh");

    [Fact]
    public async Task Script_replaces_both_instances_with_the_new_build_while_the_page_keeps_every_piece_of_state()
    {
        var directory = Directory.CreateTempSubdirectory("livestate-rolling-script-").FullName;
        var proxyPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["LIVESTATE_ROLLING_DIR"] = directory,
            ["LIVESTATE_ROLLING_PORT"] = proxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LIVESTATE_ROLLING_PORT_A"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LIVESTATE_ROLLING_PORT_B"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LIVESTATE_ROLLING_REDIS_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var proxy = new Uri($"http://127.0.0.1:{proxyPort}/");
        try
        {
            Run("start", environment, AppBuild.Demo);
            await WaitForProxyAsync(proxy);
            var page = await OpenAsync(new Uri(proxy, ProbePage.Path));
            await ProbePage.ChangeEverythingAsync(page);
            var firstInstance = await PageWaits.InstanceAsync(page);

            Run("deploy", environment, AppBuild.DemoNext);

            // Both old instances are gone: whichever new one serves the page now, it has everything back.
            await PageWaits.InteractiveAsync(page, Recovery, firstInstance);
            var state = await ProbePage.WaitForStateAsync(page, s => s.SurvivorCount == ProbePage.Expected.Count, TimeSpan.FromSeconds(15));
            output.WriteLine(state.ToString());
            Assert.Equal(ProbePage.Expected.Count, state.SurvivorCount);
            Assert.False(state.PasswordRestored);
            Assert.StartsWith("2.0.0-next", await BuildBehindAsync(proxy), StringComparison.Ordinal);
        }
        finally
        {
            Run("stop", environment, build: null);
            foreach (var log in Directory.EnumerateFiles(directory, "*.log"))
            {
                output.WriteLine($"---- {Path.GetFileName(log)}\n{string.Join('\n', File.ReadLines(log).TakeLast(15))}");
            }

            Directory.Delete(directory, recursive: true);
        }

        // Everything the script started stops: soon nothing answers on the proxy's port.
        Assert.True(await StopsAnsweringAsync(proxy, TimeSpan.FromSeconds(10)), "nginx still answers after rolling.sh stop.");
    }

    /// <summary>Runs the script with one command; it must succeed within two minutes.</summary>
    private void Run(string command, Dictionary<string, string> environment, AppBuild? build)
    {
        var withBuild = new Dictionary<string, string>(environment);
        if (build is not null)
        {
            withBuild["LIVESTATE_ROLLING_BUILD"] = build.Directory;
        }

        output.WriteLine($"rolling.sh {command}:\n{ExternalCommand.Run("bash", [Script, command], environment: withBuild, timeout: TimeSpan.FromMinutes(2))}");
    }

    /// <summary>nginx starts in the background: waits until it passes a request through.</summary>
    private static async Task WaitForProxyAsync(Uri proxy)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(proxy, "_livestate/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && Stopwatch.GetTimestamp() < deadline)
            {
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, "nginx did not pass requests through within 10 s.");
            await Task.Delay(50);
        }
    }

    private static async Task<bool> StopsAnsweringAsync(Uri address, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        do
        {
            try
            {
                using var response = await http.GetAsync(address);
            }
            catch (HttpRequestException)
            {
                return true;
            }
            catch (TaskCanceledException)
            {
                // Accepted but not answered: still shutting down.
            }

            await Task.Delay(50);
        }
        while (Stopwatch.GetTimestamp() < deadline);

        return false;
    }

    /// <summary>The build version the readiness endpoint reports through the proxy.</summary>
    private static async Task<string> BuildBehindAsync(Uri proxy)
    {
        using var http = new HttpClient();
        var readiness = await http.GetFromJsonAsync<JsonElement>(new Uri(proxy, "_livestate/ready"));
        return readiness.GetProperty("build").GetString() ?? "";
    }
}

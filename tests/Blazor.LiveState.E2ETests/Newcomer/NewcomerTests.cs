using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Newcomer;

/// <summary>
/// The newcomer test: the packed package in a fresh <c>dotnet new blazor --interactivity Server</c> app,
/// set up with exactly the README's quickstart lines, survives kill -9 and SIGTERM with every piece of
/// state, in the template's per-page interactivity, with global interactivity, with prerendering off and
/// without the template's ReconnectModal; and the package's code runs precompiled there.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class NewcomerTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const string TypedName = "Ada, 50% off + more";
    private const string Password = "s3cret-newcomer";

    [Theory]
    [InlineData(NewcomerVariant.PerPageInteractivity)]
    [InlineData(NewcomerVariant.GlobalInteractivity)]
    [InlineData(NewcomerVariant.PrerenderingOff)]
    [InlineData(NewcomerVariant.NoReconnectModal)]
    public async Task Fresh_template_app_with_the_readme_quickstart_keeps_every_piece_of_state_through_kill_and_sigterm(NewcomerVariant variant)
    {
        var build = NewcomerApp.Create(variant);
        await using var server = new AppServer(build);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var storage = await StorageWatch.AttachAsync(page);
        await page.GotoAsync(new Uri(server.BaseUri, NewcomerApp.PagePath).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.Locator("[data-livestate-attached]")).ToHaveCountAsync(1);

        await page.GetByTestId("tab-details").ClickAsync();
        await PageWaits.UntilAsync(page, "() => location.search.includes('tab=details')", TimeSpan.FromSeconds(10));
        for (var i = 0; i < 3; i++)
        {
            await page.GetByTestId("count-add").ClickAsync();
        }

        await Expect(page.GetByTestId("count")).ToHaveTextAsync("3");
        await page.GetByTestId("name").FillAsync(TypedName);
        await page.GetByTestId("name").BlurAsync();
        await page.GetByTestId("password").FillAsync(Password);
        await page.GetByTestId("password").BlurAsync();
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync(TypedName);

        try
        {
            foreach (var kind in new[] { DeployKind.KillAndRestart, DeployKind.TerminateAndRestart })
            {
                var oldInstance = await PageWaits.InstanceAsync(page);
                var timeline = await server.DeployAsync(kind);
                await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
                output.WriteLine($"{variant}, {kind}: old process exited in {timeline.TimeToExit.TotalMilliseconds:F0} ms");

                await Expect(page.GetByTestId("tab")).ToHaveTextAsync("details");
                await Expect(page.GetByTestId("count")).ToHaveTextAsync("3");
                await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync(TypedName, new() { Timeout = 15_000 });
                await Expect(page.GetByTestId("name")).ToHaveValueAsync(TypedName);
                await Expect(page.GetByTestId("password")).ToHaveValueAsync("");
                Assert.Contains("tab=details", page.Url, StringComparison.Ordinal);
            }

            Assert.False(storage.EverWrote(Password), "The password was written to browser storage.");
        }
        finally
        {
            ServerOutput.WriteTo(output, server, 30);
        }
    }

    [Fact]
    public async Task The_packaged_kit_runs_its_precompiled_code_and_compiles_none_of_its_own_methods_on_first_use()
    {
        // The package carries ReadyToRun images for these platforms; anywhere else its IL runs, compiled as it goes.
        Assert.Contains(System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, PackagedReadyToRunPlatforms);
        var build = NewcomerApp.Create(NewcomerVariant.PerPageInteractivity);
        var jitLog = Path.Combine(Directory.CreateTempSubdirectory("livestate-jitwatch-").FullName, "compiled.tsv");
        await using var server = new AppServer(build, environment: JitWatch.EnvironmentFor(jitLog));
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseUri, NewcomerApp.PagePath).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await page.GetByTestId("count-add").ClickAsync();
        await Expect(page.GetByTestId("count")).ToHaveTextAsync("1");

        // The watch sees first-use compiles: the app's own page (IL, as the template publishes it) is among them.
        var compiled = await WaitForAsync(jitLog, methods => methods.Any(m => m.IsFirstUse && m.TypeName.Contains("LiveCheck", StringComparison.Ordinal)));
        // The kit's own methods; not its generic types closed over the framework's (NumberConverter<int>: the runtime
        // names them with their arguments in brackets), whose code the kit's image does not hold, nor this watch's own.
        var kitMethods = compiled.Where(m => m.IsFirstUse && m.TypeName.StartsWith("Blazor.LiveState.", StringComparison.Ordinal) && !m.TypeName.StartsWith("Blazor.LiveState.DeployHarness.", StringComparison.Ordinal)).ToList();
        var kitCompiledOnFirstUse = kitMethods.Where(m => !m.TypeName.Contains('[', StringComparison.Ordinal)).ToList();
        output.WriteLine($"{compiled.Count} methods compiled at run time, {compiled.Count(m => m.IsFirstUse)} on first use; of the kit's types: {kitMethods.Count}, of them instantiations over framework types: {kitMethods.Count - kitCompiledOnFirstUse.Count}");

        Assert.True(File.Exists(Path.Combine(build.Directory, "runtimes", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "lib", "net10.0", "Blazor.LiveState.dll")), "The published app has no precompiled kit for this platform.");
        Assert.Empty(kitCompiledOnFirstUse.Select(m => $"{m.TypeName}::{m.Name}"));
    }

    private static readonly string[] PackagedReadyToRunPlatforms = ["linux-x64", "linux-arm64", "win-x64"];

    private static async Task<IReadOnlyList<CompiledMethod>> WaitForAsync(string jitLog, Func<IReadOnlyList<CompiledMethod>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var methods = JitWatch.Read(jitLog);
            if (done(methods))
            {
                return methods;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The JIT watch listed {methods.Count} methods and not the one awaited.");
            await Task.Delay(50);
        }
    }
}

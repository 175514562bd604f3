using System.Collections.Concurrent;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Deploys;

/// <summary>
/// A planned deploy of a build whose components changed (issue 13's fallback list): the page pauses, the new build
/// cannot resume it (the paused page's root component is not in that build), and the page falls back by itself to
/// the reload path with all its state, never to an error page or the "failed" state.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ChangedComponentsDeployTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    /// <summary>The demo with another interactive root component type (<c>-p:DemoComponentSet=Changed</c>; test.sh publishes it).</summary>
    private static AppBuild ChangedComponents => AppBuild.Published(
        "demo-changed", "samples/LiveState.Demo/LiveState.Demo.csproj", "LiveState.Demo.dll", "-p:DemoComponentSet=Changed", "-p:DemoVersion=3.0.0-changed");

    [Fact]
    public async Task A_new_build_whose_components_changed_cannot_resume_and_the_page_reloads_with_all_its_state()
    {
        var changed = ChangedComponents;
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        // Every state the kit's status takes, in every document of the page: "failed" must never be one of them.
        var states = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith(StateMarker, StringComparison.Ordinal))
            {
                states.Enqueue(message.Text[StateMarker.Length..]);
            }
        };
        await page.Context.AddInitScriptAsync(StateRecorderScript);
        var documents = DocumentWatch.Attach(page);
        var storage = await StorageWatch.AttachAsync(page);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await ProbePage.ChangeEverythingAsync(page);
        var oldInstance = await PageWaits.InstanceAsync(page);

        try
        {
            await server.DeployAsync(DeployKind.NewBuild, changed);
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance, ProbePage.InteractiveSelector);
            var state = await ProbePage.WaitForStateAsync(page, s => s.SurvivorCount == ProbePage.Expected.Count, TimeSpan.FromSeconds(15));
            output.WriteLine(state.ToString());
            output.WriteLine($"documents: {string.Join(" | ", documents.Documents)}; states: {string.Join(", ", states)}");

            // The resume was tried and refused, and the reload brought everything back on the changed build.
            await ServerOutput.WaitForLogAsync(server, "after reloaded (resume-failed)", output);
            Assert.Equal("demo-changed", server.Process!.Build.Name);
            Assert.Equal(ProbePage.Expected.Count, state.SurvivorCount);
            Assert.False(state.PasswordRestored, "The password came back.");
            Assert.False(storage.EverWrote(ProbePage.Password), "The password was written to browser storage.");
            Assert.Equal(2, documents.Documents.Count);
            Assert.Empty(documents.Failures);
            Assert.DoesNotContain("failed", states);
            Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "Blazor's error UI is showing.");

            // Interactive on the new build: the counter goes on from the restored value, and the kit says connected.
            await page.GetByTestId("counter-increment").ClickAsync();
            await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("4");
            Assert.Equal("connected", await page.EvaluateAsync<string>("() => BlazorLiveState.state"));
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    private const string StateMarker = "livestate-test-state:";

    // The kit puts its state on <html> as an ls-* class; a console line per change reaches the test from every document.
    private const string StateRecorderScript = $$"""
        (() => {
          let last = '';
          const report = () => {
            const state = [...(document.documentElement?.classList ?? [])].find(c => ['ls-connected', 'ls-reconnecting', 'ls-offline', 'ls-reloading', 'ls-failed'].includes(c));
            if (state && state !== last) {
              last = state;
              console.log('{{StateMarker}}' + state.slice(3));
            }
          };
          // The script runs before <html> is parsed: watch the document for it.
          new MutationObserver(report).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'] });
        })();
        """;
}

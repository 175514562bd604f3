using System.Text.Json;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Blazor.LiveState.E2ETests.Reconnect;

/// <summary>
/// &lt;ConnectionStatus /&gt; passes axe-core in every state it really reaches: reconnecting, offline,
/// reloading and failed. axe-core comes from the npm registry (tests/…/axe, installed by ./test.sh).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ConnectionStatusAccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static string AxePath => Path.Combine(RepositoryRoot.Path, "tests", "Blazor.LiveState.E2ETests", "axe", "node_modules", "axe-core", "axe.min.js");

    [Fact]
    public async Task Connection_status_has_no_axe_violations_while_reconnecting_offline_reloading_and_failed()
    {
        Assert.True(File.Exists(AxePath), $"axe-core is not installed at {AxePath}: run ./test.sh (npm ci in tests/Blazor.LiveState.E2ETests/axe).");
        // Gives up after 3 s down, so the failed state is reached too.
        await using var server = new AppServer(AppBuild.Demo, environment: new Dictionary<string, string> { ["LiveState__Reconnect__GiveUpAfter"] = "00:00:03" });
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Wait);
        var oldInstance = await PageWaits.InstanceAsync(page);
        // The page learns the options over the circuit; let that happen before the server goes.
        await ServerOutput.WaitForLogAsync(server, "the browser has the reconnect options", output);

        await server.StopAsync(kill: true);
        await AssertAccessibleInStateAsync(page, "reconnecting");

        await page.Context.SetOfflineAsync(true);
        await AssertAccessibleInStateAsync(page, "offline");
        await page.Context.SetOfflineAsync(false);

        await AssertAccessibleInStateAsync(page, "failed");

        // Reloading: a part of the app that is still saving holds the reload (the documented livestate:save
        // hook; the kit waits for it up to one second), long enough to check the state.
        await server.StartAsync();
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Wait, oldInstance);
        var newInstance = await PageWaits.InstanceAsync(page);
        await PageWaits.UntilAsync(page, "() => document.documentElement.classList.contains('ls-connected')", Wait);
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath });
        await page.EvaluateAsync("() => document.addEventListener('livestate:save', e => { if (e.detail.reason === 'reload') e.detail.waitUntil(new Promise(() => {})); })");
        await server.DeployAsync(DeployKind.KillAndRestart);
        await AssertAccessibleInStateAsync(page, "reloading");
        await PageWaits.InteractiveAsync(page, Wait, newInstance);
    }

    private async Task AssertAccessibleInStateAsync(IPage page, string state)
    {
        await PageWaits.UntilAsync(page, "s => document.documentElement.classList.contains('ls-' + s)", Wait, state);
        if (await page.EvaluateAsync<bool>("() => typeof window.axe === 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath });
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run({ include: [['[data-livestate-status]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
              return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html) }));
            }
            """);
        var passes = await page.EvaluateAsync<int>("async () => (await axe.run({ include: [['[data-livestate-status]']] })).passes.length");
        output.WriteLine($"{state}: {violations.GetArrayLength()} violations, {passes} rules passed");
        Assert.True(violations.GetArrayLength() == 0, $"axe found violations in the '{state}' state: {violations}");
        Assert.True(passes > 0, $"axe checked nothing in the '{state}' state: is <ConnectionStatus /> on the page?");
        // The live region says what the state is, for screen readers.
        var announced = await page.EvaluateAsync<string>("() => document.querySelector('[data-livestate-status] [data-livestate-announce]')?.textContent ?? ''");
        Assert.False(string.IsNullOrWhiteSpace(announced), $"Nothing announced in the '{state}' state.");
    }
}

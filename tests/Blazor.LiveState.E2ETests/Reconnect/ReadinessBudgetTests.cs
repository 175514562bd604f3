using System.Collections.Concurrent;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Reconnect;

/// <summary>
/// The readiness budget in Chromium against the real demo: a restarted instance that admits one page a second
/// answers the others "busy" with a turn; each waits for it and comes back with its state.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReadinessBudgetTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    // Longer than the shared Recovery: at one page a second the last page waits its turn behind the others.
    private static readonly TimeSpan TurnRecovery = TimeSpan.FromSeconds(90);
    private const int Pages = 4;

    [Fact]
    public async Task Pages_told_busy_by_a_restarted_instance_wait_their_turn_and_come_back_with_their_state()
    {
        await using var server = new AppServer(AppBuild.Demo, environment: new Dictionary<string, string>
        {
            ["LiveState__Reconnect__ReadyPagesPerSecond"] = "1",
        });
        await server.StartAsync();
        var tabs = new List<(IPage Page, DocumentWatch Documents, ConcurrentQueue<string> Busy)>();
        for (var i = 0; i < Pages; i++)
        {
            var page = await Browser.NewPageAsync();
            var busy = new ConcurrentQueue<string>();
            page.Response += async (_, response) =>
            {
                if (response.Url.Contains("/_livestate/ready", StringComparison.Ordinal) && response.Status == 503)
                {
                    try
                    {
                        busy.Enqueue(await response.TextAsync());
                    }
                    catch (PlaywrightException)
                    {
                        // The page moved on before its body was read (it reloaded): an answer it did not wait on.
                    }
                }
            };
            var documents = DocumentWatch.Attach(page);
            await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
            await PageWaits.InteractiveAsync(page, TurnRecovery, selector: ProbePage.InteractiveSelector);
            // A different count on each page: each must come back with its own.
            await ProbePage.ClickCounterAsync(page, i + 1);
            tabs.Add((page, documents, busy));
        }

        var oldInstance = await PageWaits.InstanceAsync(tabs[0].Page);

        try
        {
            // A crash: every page reloads, so every page needs the budget's admission first.
            await server.DeployAsync(DeployKind.KillAndRestart);
            foreach (var (page, _, _) in tabs)
            {
                await PageWaits.InteractiveAsync(page, TurnRecovery, notInstance: oldInstance, selector: ProbePage.InteractiveSelector);
            }

            var toldBusy = tabs.Where(t => t.Busy.Any(IsBusyAnswer)).ToList();
            output.WriteLine($"{toldBusy.Count} of {Pages} pages were told busy: {string.Join(" | ", tabs.SelectMany(t => t.Busy).Take(6))}");
            // One page a second, four pages asking within half a second of each other: at most two are admitted at once.
            Assert.True(toldBusy.Count >= 2, $"{toldBusy.Count} pages were told busy.");
            for (var i = 0; i < Pages; i++)
            {
                var (page, documents, _) = tabs[i];
                await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                // One reload, into the app's page: no error page, no second try.
                Assert.Equal(2, documents.Documents.Count);
                Assert.Empty(documents.Failures);
                // Waiting turns spent no reload: the guard counted the one reload only.
                var reloads = await page.EvaluateAsync<int>("() => JSON.parse(sessionStorage.getItem('blazor-livestate:reloads') ?? '[]').length");
                Assert.Equal(1, reloads);
            }

            // The circuits are live again.
            await ProbePage.ClickCounterAsync(toldBusy[0].Page, 1);
            await ServerOutput.WaitForLogAsync(server, "Readiness budget reached", output);
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    private static bool IsBusyAnswer(string body) =>
        body.Contains("\"reason\":\"busy\"", StringComparison.Ordinal) && body.Contains("\"retryAfterMs\":", StringComparison.Ordinal);
}

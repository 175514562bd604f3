using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Deploys;

/// <summary>
/// A crash (kill -9) still reloads the page (issue 13, item 2), but nothing wrong is on screen: the reloading page
/// hands its tab to the next document's prerender (a cookie for that one request), so every frame of the new
/// document, from its first, shows the [TabState] and [UrlState] values the user left, never a default; and a
/// form whose snapshot waits for the circuit shows as pending (aria-busy), never as empty fields.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class CrashReloadTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    // The probe page's values that the kit manages outside forms: the tab and the list in the URL, the counter in [TabState].
    private static readonly Dictionary<string, string> Left = new()
    {
        ["tab"] = "details",
        ["counter"] = "3",
        ["filter"] = "1",
        ["page"] = "2",
    };

    [Fact]
    public async Task Crash_reload_shows_every_form_field_pending_or_restored_never_empty()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, oldInstance) = await OpenRecordedWithEverythingChangedAsync(server);

        try
        {
            await server.DeployAsync(DeployKind.KillAndRestart);
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
            var state = await ProbePage.WaitForStateAsync(page, s => s.SurvivorCount == ProbePage.Expected.Count, TimeSpan.FromSeconds(15));
            Assert.True(state.SurvivorCount == ProbePage.Expected.Count, state.ToString());

            var timeline = await StateTimeline.ReadAsync(page);
            var prerendered = timeline.Where(e => !e.Interactive && e.State.Echo.GetValueOrDefault("counter") is not null).ToList();
            Assert.NotEmpty(prerendered);
            // The prerendered form was pending (its fields show no value), not empty.
            Assert.All(prerendered, e => Assert.Null(e.State.Dom.GetValueOrDefault("name")));
            var wrong = timeline
                .Where(e => e.State.ShowsWrongValue)
                .Select(e => $"{(e.Interactive ? "interactive" : "prerendered")}: {string.Join(", ", ProbePage.Expected.Keys.Select(k => $"{k}='{(e.State.Dom.TryGetValue(k, out var d) ? d : e.State.Echo.GetValueOrDefault(k))}'"))}")
                .Distinct()
                .ToList();
            Assert.True(wrong.Count == 0, $"The reloaded page showed wrong values: {string.Join(" | ", wrong)}");
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task Crash_reload_renders_the_form_model_restored_in_the_circuits_first_render()
    {
        // The probe's form model is a [FormRecoveryModel]: the stored fields are in the model before the page's first
        // interactive render, not sent field by field through the inputs' events once the form is on the page.
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, oldInstance) = await OpenRecordedWithEverythingChangedAsync(server);
        // Scrolled down: a first render that lacked the page (waiting for its model) would leave the reloaded window at the top.
        // The last field's Tab may still be scrolling smoothly to the next one: place the view once the window is still.
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await PageWaits.WhenScrollIsStillAsync(page, frames: 10, Recovery);
        var notesTop = await page.EvaluateAsync<double>("""
            () => new Promise(resolve => {
              window.scrollTo({ top: 120, behavior: 'instant' });
              requestAnimationFrame(() => resolve(document.querySelector('[data-testid=form-notes]').getBoundingClientRect().top));
            })
            """);

        try
        {
            await server.DeployAsync(DeployKind.KillAndRestart);
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
            var state = await ProbePage.WaitForStateAsync(page, s => s.SurvivorCount == ProbePage.Expected.Count, TimeSpan.FromSeconds(15));
            Assert.True(state.SurvivorCount == ProbePage.Expected.Count, state.ToString());
            await PageWaits.UntilAsync(page, "top => Math.abs(document.querySelector('[data-testid=form-notes]').getBoundingClientRect().top - top) <= 1", Recovery, notesTop);

            var timeline = await StateTimeline.ReadAsync(page);
            var firstInteractive = timeline.First(e => e.Interactive && e.Instance != oldInstance);
            var missing = ProbePage.Expected.Keys.Where(k => !firstInteractive.State.Survived(k)).ToList();
            Assert.True(missing.Count == 0, $"The first interactive render on the new process lacked: {string.Join(", ", missing)} ({firstInteractive.State})");
            // The password is never stored, so never restored: the model holds none.
            await Expect(page.GetByTestId("echo-password-length")).ToHaveTextAsync("0");
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task Text_typed_into_the_pending_form_before_the_circuit_is_up_goes_after_the_stored_text_with_the_caret()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, ProbePage.Path);
        await ProbePage.ChangeEverythingAsync(page);
        var oldInstance = await PageWaits.InstanceAsync(page);
        // The reloaded document's circuit waits until the user has typed: the prerendered page stays on screen.
        var circuitMayStart = await HoldBackAsync(page, "**/_blazor/negotiate*");
        const string typed = "XYZ";

        try
        {
            await server.DeployAsync(DeployKind.KillAndRestart);
            await page.Locator("form.livestate-form-pending[aria-busy=true]").WaitForAsync(new() { Timeout = (float)Recovery.TotalMilliseconds });
            await page.GetByTestId("form-name").ClickAsync();
            await page.Keyboard.TypeAsync(typed, new() { Delay = 30 });
            circuitMayStart.SetResult();

            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
            var expected = ProbePage.Expected["name"] + typed;
            var state = await ProbePage.WaitForStateAsync(page, s => s.Dom["name"] == expected && s.Echo["name"] == expected, TimeSpan.FromSeconds(15));
            Assert.Equal(expected, state.Dom["name"]);
            Assert.Equal(expected, state.Echo["name"]);
            var focus = await page.EvaluateAsync<string>("() => `${document.activeElement?.dataset?.testid}:${document.activeElement?.selectionStart}`");
            Assert.Equal($"form-name:{expected.Length}", focus);
            // The user goes on typing where they were.
            await page.Keyboard.TypeAsync("!");
            await Expect(page.GetByTestId("form-name")).ToHaveValueAsync(expected + "!");
        }
        finally
        {
            circuitMayStart.TrySetResult();
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task Keys_pressed_on_the_reloaded_page_before_the_kit_has_loaded_go_into_the_field_the_user_was_typing_in()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, oldInstance) = await OpenTypingAtTheEndOfTheNameAsync(server);
        // Blazor's script (and with it the kit's module) waits until the user has typed: only the prerendered
        // document and its inline scripts are there, as in the first few hundred milliseconds of every reload.
        var scriptMayLoad = await HoldBackAsync(page, "**/_framework/blazor.web*.js");
        const string typed = "KLM";

        try
        {
            await server.DeployAsync(DeployKind.KillAndRestart);
            await page.Locator("form.livestate-form-pending[aria-busy=true]").WaitForAsync(new() { Timeout = (float)Recovery.TotalMilliseconds });
            // No click: the user goes on typing where they were.
            await page.Keyboard.TypeAsync(typed, new() { Delay = 30 });
            await Expect(page.GetByTestId("form-name")).ToHaveValueAsync(typed);
            scriptMayLoad.SetResult();

            await AssertTypedAfterTheStoredNameAsync(page, oldInstance, typed);
        }
        finally
        {
            scriptMayLoad.TrySetResult();
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task Keys_pressed_on_the_reloaded_document_before_its_form_is_parsed_go_into_the_field_in_order()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, oldInstance) = await OpenTypingAtTheEndOfTheNameAsync(server);
        // The reloaded document stops parsing at the top of its <body> until the user has typed, as a slow network
        // or a long page before the form would hold it: its head is parsed, its form is not there yet.
        var parserHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parserMayGoOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const string HoldScript = "/_e2e/hold-parser.js";
        await page.RouteAsync($"**{HoldScript}", async route =>
        {
            parserHeld.TrySetResult();
            await parserMayGoOn.Task;
            await route.FulfillAsync(new() { ContentType = "text/javascript", Body = "" });
        });
        await page.RouteAsync($"**{ProbePage.Path}*", async route =>
        {
            if (route.Request.ResourceType != "document")
            {
                await route.FallbackAsync();
                return;
            }

            var response = await route.FetchAsync();
            var html = await response.TextAsync();
            await route.FulfillAsync(new() { Response = response, Body = html.Replace("<body>", $"<body><script src=\"{HoldScript}\"></script>", StringComparison.Ordinal) });
        });
        const string typed = "PQRS";

        try
        {
            await server.DeployAsync(DeployKind.KillAndRestart);
            await parserHeld.Task.WaitAsync(Recovery);
            Assert.Equal(0, await page.Locator("[data-testid=\"form-name\"]").CountAsync());
            // No click: the user goes on typing where they were, on a document whose form is not parsed yet.
            await page.Keyboard.TypeAsync(typed, new() { Delay = 30 });
            parserMayGoOn.SetResult();

            await AssertTypedAfterTheStoredNameAsync(page, oldInstance, typed);
        }
        finally
        {
            parserMayGoOn.TrySetResult();
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task Crash_reload_shows_the_tab_state_restored_from_the_first_frame_of_the_new_document()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await StateTimeline.AttachAsync(page.Context);
        var documents = DocumentWatch.Attach(page);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await page.GetByTestId("tab-details").ClickAsync();
        await ProbePage.ClickCounterAsync(page, 3);
        await page.GetByTestId("list-filter").FillAsync(Left["filter"]);
        await Expect(page.GetByTestId("list-filter-echo")).ToHaveTextAsync(Left["filter"]);
        await page.GetByTestId("list-next").ClickAsync();
        await Expect(page.GetByTestId("list-page")).ToHaveTextAsync(Left["page"]);
        var oldInstance = await PageWaits.InstanceAsync(page);

        try
        {
            await server.DeployAsync(DeployKind.KillAndRestart);
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
            await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync(Left["counter"]);

            Assert.Equal(2, documents.Documents.Count);
            var timeline = await StateTimeline.ReadAsync(page);
            foreach (var entry in timeline)
            {
                output.WriteLine($"{entry.At:HH:mm:ss.fff} interactive={entry.Interactive} {string.Join(", ", Left.Keys.Select(k => $"{k}={entry.State.Echo.GetValueOrDefault(k)}"))}");
            }

            // The prerendered document painted the counter, already restored, before any circuit was up.
            var firstWithCounter = timeline.First(e => e.State.Echo.GetValueOrDefault("counter") is not null);
            Assert.False(firstWithCounter.Interactive, "The counter was first painted by the circuit, not by the prerender.");
            var wrong = timeline
                .SelectMany(e => Left.Keys
                    .Select(k => (Key: k, Shown: e.State.Dom.TryGetValue(k, out var dom) ? dom : e.State.Echo.GetValueOrDefault(k)))
                    .Where(x => x.Shown is not null && x.Shown != Left[x.Key])
                    .Select(x => $"{x.Key} showed '{x.Shown}'"))
                .Distinct()
                .ToList();
            Assert.True(wrong.Count == 0, $"The reloaded page showed wrong values: {string.Join("; ", wrong)}");
            // Consumed by the one request it was for: no hand-off is left in the browser.
            Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name.StartsWith("blazor-livestate-reload.", StringComparison.Ordinal));

            // Live on the new process: the counter goes on from where it was.
            await page.GetByTestId("counter-increment").ClickAsync();
            await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("4");
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    /// <summary>Opens the probe page with the state timeline recording and every piece of state changed.</summary>
    private async Task<(IPage Page, string? OldInstance)> OpenRecordedWithEverythingChangedAsync(AppServer server)
    {
        var page = await Browser.NewPageAsync();
        await StateTimeline.AttachAsync(page.Context);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await ProbePage.ChangeEverythingAsync(page);
        return (page, await PageWaits.InstanceAsync(page));
    }

    /// <summary>Opens the probe page with every piece of state changed and the caret at the end of the name field.</summary>
    private async Task<(IPage Page, string? OldInstance)> OpenTypingAtTheEndOfTheNameAsync(AppServer server)
    {
        var page = await OpenAsync(server, ProbePage.Path);
        await ProbePage.ChangeEverythingAsync(page);
        var oldInstance = await PageWaits.InstanceAsync(page);
        await page.GetByTestId("form-name").ClickAsync();
        await page.Keyboard.PressAsync("End");
        return (page, oldInstance);
    }

    /// <summary>
    /// After the crash reload: the name field and the server's model hold the stored name with <paramref name="typed"/>
    /// after it, and the field has the focus with the caret at its end (the next key goes after what was typed).
    /// </summary>
    private static async Task AssertTypedAfterTheStoredNameAsync(IPage page, string? oldInstance, string typed)
    {
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
        var expected = ProbePage.Expected["name"] + typed;
        var state = await ProbePage.WaitForStateAsync(page, s => s.Dom["name"] == expected && s.Echo["name"] == expected, TimeSpan.FromSeconds(15));
        Assert.Equal(expected, state.Dom["name"]);
        Assert.Equal(expected, state.Echo["name"]);
        await page.Keyboard.TypeAsync("!");
        await Expect(page.GetByTestId("form-name")).ToHaveValueAsync(expected + "!");
    }

    /// <summary>Holds back every request of <paramref name="page"/> matching <paramref name="glob"/> until the returned gate is set.</summary>
    private static async Task<TaskCompletionSource> HoldBackAsync(IPage page, string glob)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(glob, async route =>
        {
            await gate.Task;
            await route.ContinueAsync();
        });
        return gate;
    }
}

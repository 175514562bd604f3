using System.Globalization;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Deploys;

/// <summary>
/// Planned deploys move the page without a reload (issue 13): on SIGTERM the page pauses its circuit and resumes
/// it on the next process, in the same document, with every piece of state, the scroll position and the focused
/// field with its caret; and every case a resume cannot serve (the pause trap after a lost connection, keys that
/// are not shared, another user) falls back by itself to the reload path.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ResumeInPlaceTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const string TypedWhilePaused = " (typed while paused)";

    [Theory]
    [InlineData(DeployKind.TerminateAndRestart)]
    [InlineData(DeployKind.NewBuild)]
    public async Task Planned_deploy_resumes_the_page_in_the_same_document_with_its_state_scroll_and_focus(DeployKind kind)
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await StateTimeline.AttachAsync(page.Context);
        var documents = DocumentWatch.Attach(page);
        var storage = await StorageWatch.AttachAsync(page);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await ProbePage.ChangeEverythingAsync(page);
        var oldInstance = await PageWaits.InstanceAsync(page);
        await documents.MarkAsync();
        var whereTheUserWas = new Position(0, 0, "", 0);

        try
        {
            await server.DeployAsync(kind, AppBuild.DemoNext, whileDown: async () =>
            {
                // The user keeps typing into the notes while the page is paused, and leaves the caret in them.
                var notes = page.GetByTestId("form-notes");
                await notes.PressSequentiallyAsync(TypedWhilePaused);
                await page.EvaluateAsync("() => { window.scrollTo({ top: 120, behavior: 'instant' }); const n = document.querySelector('[data-testid=form-notes]'); n.setSelectionRange(3, 3); }");
                whereTheUserWas = await PositionAsync(page);
            });
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
            var expectedNotes = ProbePage.Expected["notes"] + TypedWhilePaused;
            var state = await ProbePage.WaitForStateAsync(
                page,
                s => ProbePage.Expected.Keys.Where(k => k != "notes").All(s.Survived) && s.Echo["notes"] == expectedNotes && s.Dom["notes"] == expectedNotes,
                TimeSpan.FromSeconds(15));
            output.WriteLine(state.ToString());

            Assert.True(await documents.IsSameDocumentAsync(), $"The page reloaded: {string.Join(" | ", documents.Documents)}");
            Assert.Single(documents.Documents);
            // Nothing wrong on screen: from the resumed render on, every value the page showed was the user's (each
            // field shows its typed value in the task that renders it, not its default first).
            var expected = new Dictionary<string, string>(ProbePage.Expected) { ["notes"] = expectedNotes };
            var wrong = (await StateTimeline.ReadAsync(page))
                .Where(e => e.Instance != oldInstance)
                .SelectMany(e => expected.Keys
                    .Select(k => (Key: k, Shown: e.State.Dom.TryGetValue(k, out var dom) ? dom : e.State.Echo.GetValueOrDefault(k)))
                    .Where(x => x.Shown is not null && x.Shown != expected[x.Key])
                    .Select(x => $"{x.Key} showed '{x.Shown}'"))
                .Distinct()
                .ToList();
            Assert.True(wrong.Count == 0, $"After the resume the page showed wrong values: {string.Join("; ", wrong)}");
            foreach (var piece in ProbePage.Expected.Keys.Where(k => k != "notes"))
            {
                Assert.True(state.Survived(piece), $"{piece} did not survive: {state}");
            }

            Assert.Equal(expectedNotes, state.Echo["notes"]);
            Assert.False(state.PasswordRestored, "The password came back.");
            Assert.False(storage.EverWrote(ProbePage.Password), "The password was written to browser storage.");
            var position = await WaitForPositionAsync(page, whereTheUserWas);
            Assert.Equal(whereTheUserWas, position);

            // Live on the new process: the counter goes on from where it was.
            await page.GetByTestId("counter-increment").ClickAsync();
            await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync(Next(ProbePage.Expected["counter"]));
            await ServerOutput.WaitForLogAsync(server, "after resumed (drain)", output);
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task Deploys_seconds_apart_each_move_the_page_in_place()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, documents) = await OpenCountingDocumentsAsync(server, ProbePage.Path);
        await documents.MarkAsync();

        try
        {
            for (var deploy = 1; deploy <= 3; deploy++)
            {
                await ProbePage.ClickCounterAsync(page, 1);
                await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync(deploy.ToString(CultureInfo.InvariantCulture));
                var oldInstance = await PageWaits.InstanceAsync(page);
                await server.DeployAsync(DeployKind.TerminateAndRestart);
                await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
                await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync(deploy.ToString(CultureInfo.InvariantCulture));
            }

            Assert.True(await documents.IsSameDocumentAsync(), $"The page reloaded: {string.Join(" | ", documents.Documents)}");
            Assert.Equal("connected", await page.EvaluateAsync<string>("() => BlazorLiveState.state"));
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task Keys_typed_on_through_the_move_all_stay_in_the_field_in_order()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, documents) = await OpenCountingDocumentsAsync(server, ProbePage.Path);
        var name = page.GetByTestId("form-name");
        await name.FillAsync("Ada");
        await name.PressAsync("Tab");
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync("Ada");
        var oldInstance = await PageWaits.InstanceAsync(page);
        await documents.MarkAsync();
        await name.ClickAsync();
        await page.Keyboard.PressAsync("End");

        // A user typing on at a key every 30 ms, from before the SIGTERM until 20 keys after the page is live on the
        // new process: through the save, the pause, the wait and the resumed render that replaces the field.
        var typed = new System.Text.StringBuilder();
        var stopAfter = int.MaxValue;
        var typing = TypeOnAsync();
        try
        {
            await PageWaits.UntilAsync(() => TypedCount() >= 10, Recovery);
            await server.DeployAsync(DeployKind.TerminateAndRestart);
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
        }
        finally
        {
            Volatile.Write(ref stopAfter, TypedCount() + 20);
            await typing;
            ServerOutput.WriteTo(output, server);
        }

        await page.Keyboard.PressAsync("Tab");
        var expected = "Ada" + TypedText();
        await Expect(name).ToHaveValueAsync(expected);
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync(expected);
        Assert.True(await documents.IsSameDocumentAsync(), $"The page reloaded: {string.Join(" | ", documents.Documents)}");

        async Task TypeOnAsync()
        {
            for (var i = 0; i < Volatile.Read(ref stopAfter); i++)
            {
                var key = (char)('a' + (i % 26));
                await page.Keyboard.PressAsync(key.ToString());
                lock (typed)
                {
                    typed.Append(key);
                }

                // A user's pace, not a wait for anything.
                await Task.Delay(30);
            }
        }

        int TypedCount()
        {
            lock (typed)
            {
                return typed.Length;
            }
        }

        string TypedText()
        {
            lock (typed)
            {
                return typed.ToString();
            }
        }
    }

    [Fact]
    public async Task After_a_network_blip_a_planned_deploy_falls_back_to_the_reload_path_with_the_state()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var tap = await BlazorSocketTap.AttachAsync(page.Context);
        var documents = DocumentWatch.Attach(page);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await ProbePage.ClickCounterAsync(page, 2);
        // A blip the page reconnects from: Blazor 10's pause would now answer true and do nothing.
        await tap.DropAsync();
        await PageWaits.UntilAsync(page, "() => document.documentElement.classList.contains('ls-reconnecting')", Recovery);
        await PageWaits.UntilAsync(page, "() => document.documentElement.classList.contains('ls-connected')", Recovery);
        var oldInstance = await PageWaits.InstanceAsync(page);

        try
        {
            await server.DeployAsync(DeployKind.TerminateAndRestart);
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);

            await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("2");
            Assert.Equal(2, documents.Documents.Count);
            Assert.Empty(documents.Failures);
            // Nowhere to move while the only server stops: the page reconnects as after a crash, by a reload.
            await ServerOutput.WaitForLogAsync(server, "after reloaded (rejected)", output);
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task A_new_process_without_the_old_keys_cannot_resume_and_the_page_reloads_with_what_it_kept()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var (page, documents) = await OpenCountingDocumentsAsync(server, ProbePage.Path);
        await page.GetByTestId("list-filter").FillAsync("1");
        await Expect(page.GetByTestId("list-filter-echo")).ToHaveTextAsync("1");
        await page.GetByTestId("form-name").FillAsync("Grace Hopper");
        await page.GetByTestId("form-name").BlurAsync();
        await PageWaits.UntilAsync(page, "() => Object.keys(sessionStorage).some(k => k.startsWith('blazor-livestate:form:'))", Recovery);
        var oldInstance = await PageWaits.InstanceAsync(page);

        try
        {
            // The key ring is lost with the old process (keys not persisted or not shared): the paused state
            // cannot be opened by the next one.
            await server.DeployAsync(DeployKind.TerminateAndRestart, whileDown: () =>
            {
                Directory.Delete(Path.Combine(server.StateDirectory, "keys"), recursive: true);
                return Task.CompletedTask;
            });
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);

            await Expect(page.GetByTestId("form-name")).ToHaveValueAsync("Grace Hopper", new() { Timeout = (float)Recovery.TotalMilliseconds });
            await Expect(page.GetByTestId("list-filter")).ToHaveValueAsync("1");
            Assert.Equal(2, documents.Documents.Count);
            Assert.Empty(documents.Failures);
            await ServerOutput.WaitForLogAsync(server, "after reloaded (resume-failed)", output);
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task A_page_paused_for_one_user_never_resumes_for_another()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var alice = await Browser.NewPageAsync();
        var documents = DocumentWatch.Attach(alice);
        await SignInAsync(alice, server, "alice");
        await alice.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(alice, Recovery);
        await ProbePage.ClickCounterAsync(alice, 2);
        await alice.GetByTestId("form-name").FillAsync("Alice's secret draft");
        await alice.GetByTestId("form-name").BlurAsync();
        await PageWaits.UntilAsync(alice, "() => Object.keys(sessionStorage).some(k => k.startsWith('blazor-livestate:form:'))", Recovery);
        var oldInstance = await PageWaits.InstanceAsync(alice);

        try
        {
            // Alice's tab is in the background while the deploy runs (a hidden page does not try to resume), and
            // Bob signs in in another tab of the same browser meanwhile.
            await SetHiddenAsync(alice, true);
            await server.DeployAsync(DeployKind.TerminateAndRestart);
            var bob = await alice.Context.NewPageAsync();
            await SignInAsync(bob, server, "bob");
            await bob.CloseAsync();
            await SetHiddenAsync(alice, false);

            await PageWaits.InteractiveAsync(alice, Recovery, oldInstance);
            await Expect(alice.GetByTestId("counter-value")).ToHaveTextAsync("0");
            await Expect(alice.GetByTestId("form-name")).ToHaveValueAsync("");
            Assert.Equal(2, documents.Documents.Count(d => d.Contains(ProbePage.Path, StringComparison.Ordinal)));
            Assert.DoesNotContain("secret draft", await alice.EvaluateAsync<string>("() => JSON.stringify(sessionStorage)"), StringComparison.Ordinal);
            await ServerOutput.WaitForLogAsync(server, "after reloaded (other-user)", output);
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    private static Task SignInAsync(IPage page, AppServer server, string name) => DemoAccount.SignInAsync(page, server, name, Recovery);

    /// <summary>Makes the page report itself hidden (or visible again, with the event a tab switch raises).</summary>
    private static async Task SetHiddenAsync(IPage page, bool hidden) => await page.EvaluateAsync(
        """
        hidden => {
            Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
            Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
            document.dispatchEvent(new Event('visibilitychange'));
        }
        """,
        hidden);

    private static string Next(string number) => (int.Parse(number, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);

    private sealed record Position(double ScrollX, double ScrollY, string Focused, int Caret);

    private static async Task<Position> PositionAsync(IPage page)
    {
        var p = await page.EvaluateAsync<PositionJson>(
            "() => ({ x: window.scrollX, y: window.scrollY, focused: document.activeElement?.dataset?.testid ?? '', caret: document.activeElement?.selectionStart ?? -1 })");
        return new Position(p.X, p.Y, p.Focused, p.Caret);
    }

    /// <summary>The resumed page puts focus and caret back once its fields are rendered again: wait for that.</summary>
    private static async Task<Position> WaitForPositionAsync(IPage page, Position expected)
    {
        try
        {
            await PageWaits.UntilAsync(
                page,
                "e => window.scrollX === e.scrollX && window.scrollY === e.scrollY && document.activeElement?.dataset?.testid === e.focused && document.activeElement.selectionStart === e.caret",
                TimeSpan.FromSeconds(10),
                new { scrollX = expected.ScrollX, scrollY = expected.ScrollY, focused = expected.Focused, caret = expected.Caret });
        }
        catch (TimeoutException)
        {
            // The assertion shows where the page is instead.
        }

        return await PositionAsync(page);
    }

    private sealed class PositionJson
    {
        public double X { get; set; }

        public double Y { get; set; }

        public string Focused { get; set; } = "";

        public int Caret { get; set; }
    }
}

using System.Text.Json;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.TabState;

/// <summary>
/// [TabState] on the demo, in Chromium against the real app: in-memory state (a game, a counter) comes
/// back in the same tab after kill -9 and SIGTERM, each tab keeps its own, and sealed state that is
/// forged or belongs to another user restores nothing.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class TabStateTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const string TabStorageKey = "blazor-livestate:tab";
    private const string ProbeEntry = "LiveState.Demo.Components.Pages.Probe";
    private const string LargeEntry = "LiveState.Demo.Components.Pages.LargeTabState";

    [Theory]
    [InlineData(DeployKind.KillAndRestart)]
    [InlineData(DeployKind.TerminateAndRestart)]
    public async Task Game_in_progress_is_back_in_the_same_tab_after_the_server_restarts(DeployKind kind)
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/game");
        await page.GetByTestId("game-cell-4-4").ClickAsync();
        await Expect(page.GetByTestId("game-status")).ToHaveAttributeAsync("data-status", "playing");
        await page.GetByTestId("game-flag-mode").ClickAsync();
        await SavedAfterAsync(page, "LiveState.Demo.Components.Pages.Game", async () =>
        {
            await page.Locator("[data-testid^=game-cell-][data-state=hidden]").First.ClickAsync();
            await Expect(page.Locator("[data-testid^=game-cell-][data-state=flagged]")).ToHaveCountAsync(1);
        });
        var before = await ReadGameAsync(page);
        var oldInstance = await PageWaits.InstanceAsync(page);

        await server.DeployAsync(kind);
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);

        Assert.Equal(before, await ReadGameAsync(page));
        // And the game goes on: flag mode is still on, so a click flags another cell.
        await page.Locator("[data-testid^=game-cell-][data-state=hidden]").First.ClickAsync();
        await Expect(page.Locator("[data-testid^=game-cell-][data-state=flagged]")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_save_a_dropped_connection_cut_off_reaches_the_tab_once_it_reconnects_and_survives_a_crash()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var tap = await BlazorSocketTap.AttachAsync(page.Context, inspectServerMessages: true);
        await page.GotoAsync(new Uri(server.BaseUri, "/probe").ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await SavedAfterAsync(page, ProbeEntry, () => ProbePage.ClickCounterAsync(page, 1));
        var savedAtOne = await EntryAsync(page, ProbeEntry);

        try
        {
            // The second click's save is on its way when the network drops: the tab never gets it.
            tap.HoldBackNext("tabState.write");
            await page.GetByTestId("counter-increment").ClickAsync();
            await tap.UntilHeldBackAsync(Recovery);
            await tap.DropAsync();
            await PageWaits.UntilAsync(page, "() => document.documentElement.classList.contains('ls-connected')", Recovery);
            await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("2");

            // Sent again on the new connection, so a crash now restores 2, not the 1 the tab held.
            await PageWaits.UntilAsync(
                page,
                "([k, e, before]) => (JSON.parse(sessionStorage.getItem(k) ?? '{}').entries?.[e] ?? null) !== before",
                Recovery,
                new[] { TabStorageKey, ProbeEntry, savedAtOne });
            var oldInstance = await PageWaits.InstanceAsync(page);
            await server.DeployAsync(DeployKind.KillAndRestart);
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);

            await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("2");
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }

    [Fact]
    public async Task Each_tab_keeps_its_own_state_and_a_new_tab_starts_fresh()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var first = await OpenAsync(server, "/probe");
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync(new Uri(server.BaseUri, "/probe").ToString());
        await PageWaits.InteractiveAsync(second, Recovery);

        await SavedAfterAsync(first, ProbeEntry, () => ProbePage.ClickCounterAsync(first, 2));
        await SavedAfterAsync(second, ProbeEntry, () => ProbePage.ClickCounterAsync(second, 5));
        await first.ReloadAsync();
        await second.ReloadAsync();
        await PageWaits.InteractiveAsync(first, Recovery);
        await PageWaits.InteractiveAsync(second, Recovery);

        await Expect(first.GetByTestId("counter-value")).ToHaveTextAsync("2");
        await Expect(second.GetByTestId("counter-value")).ToHaveTextAsync("5");
        var third = await first.Context.NewPageAsync();
        await third.GotoAsync(new Uri(server.BaseUri, "/probe").ToString());
        await PageWaits.InteractiveAsync(third, Recovery);
        await Expect(third.GetByTestId("counter-value")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task Forged_tab_state_restores_nothing_is_logged_and_the_page_works()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        // A well-formed record with a token the server never sealed (random bytes, base64url).
        var forged = JsonSerializer.Serialize(new
        {
            id = "AAAAAAAAAAAAAAAAAAAAAA",
            entries = new Dictionary<string, string> { [ProbeEntry] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(120)).Replace('+', '-').Replace('/', '_').TrimEnd('=') },
        });
        await page.AddInitScriptAsync($"sessionStorage.setItem({JsonSerializer.Serialize(TabStorageKey)}, {JsonSerializer.Serialize(forged)});");

        await page.GotoAsync(new Uri(server.BaseUri, "/probe").ToString());
        await PageWaits.InteractiveAsync(page, Recovery);

        await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("0");
        await ServerOutput.WaitForLogAsync(server, $"Tab state '{ProbeEntry}' was dropped (not sealed for this tab and user", output);
        await ProbePage.ClickCounterAsync(page, 1);
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
    }

    [Fact]
    public async Task Another_users_sealed_state_restores_nothing_while_the_same_user_gets_it_back()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var alice = await SignedInPageAsync(server, "Alice");
        await alice.GotoAsync(new Uri(server.BaseUri, "/probe").ToString());
        await PageWaits.InteractiveAsync(alice, Recovery);
        // One click per wait: a wait for "the entry changed" after four clicks can end at the first click's save.
        for (var i = 0; i < 4; i++)
        {
            await SavedAfterAsync(alice, ProbeEntry, () => ProbePage.ClickCounterAsync(alice, 1));
        }
        var record = await alice.EvaluateAsync<string>($"() => sessionStorage.getItem({JsonSerializer.Serialize(TabStorageKey)})");

        // Bob's browser is handed Alice's tab (same id, same sealed entries).
        var bob = await SignedInPageAsync(server, "Bob");
        await PlantAsync(bob, record);
        await bob.GotoAsync(new Uri(server.BaseUri, "/probe").ToString());
        await PageWaits.InteractiveAsync(bob, Recovery);
        await Expect(bob.GetByTestId("counter-value")).ToHaveTextAsync("0");
        await ServerOutput.WaitForLogAsync(server, $"Tab state '{ProbeEntry}' was dropped (not sealed for this tab and user", output);

        // The same tab record in another browser where Alice is signed in opens: only the user differs above.
        var aliceElsewhere = await SignedInPageAsync(server, "Alice");
        await PlantAsync(aliceElsewhere, record);
        await aliceElsewhere.GotoAsync(new Uri(server.BaseUri, "/probe").ToString());
        await PageWaits.InteractiveAsync(aliceElsewhere, Recovery);
        await Expect(aliceElsewhere.GetByTestId("counter-value")).ToHaveTextAsync("4");
    }

    [Fact]
    public async Task A_duplicated_tab_starts_from_the_originals_state_and_then_each_tab_keeps_its_own_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = new AppServer(AppBuild.Demo, environment: new Dictionary<string, string> { ["Demo__Redis"] = redis.ConnectionString });
        await server.StartAsync();
        var original = await OpenAsync(server, "/probe");
        await ProbePage.ClickCounterAsync(original, 2);

        // The browser's "Duplicate tab": a new tab with a copy of the original's sessionStorage, taken while
        // the original is open. With Redis the copy holds only the tab's id, so without the kit's check
        // both tabs would read and write the same state.
        var copied = await original.EvaluateAsync<Dictionary<string, string>>(
            "() => Object.fromEntries(Object.keys(sessionStorage).map(k => [k, sessionStorage.getItem(k)]))");
        var duplicate = await original.Context.NewPageAsync();
        await duplicate.AddInitScriptAsync($$"""
            if (!sessionStorage.getItem('test:copied')) {
              sessionStorage.setItem('test:copied', '1');
              for (const [k, v] of Object.entries({{JsonSerializer.Serialize(copied)}})) { sessionStorage.setItem(k, v); }
            }
            """);
        await duplicate.GotoAsync(new Uri(server.BaseUri, "/probe").ToString());
        await PageWaits.InteractiveAsync(duplicate, Recovery);
        await Expect(duplicate.GetByTestId("counter-value")).ToHaveTextAsync("2");

        await ProbePage.ClickCounterAsync(duplicate, 3);
        await ProbePage.ClickCounterAsync(original, 1);
        await original.ReloadAsync();
        await duplicate.ReloadAsync();
        await PageWaits.InteractiveAsync(original, Recovery);
        await PageWaits.InteractiveAsync(duplicate, Recovery);

        await Expect(original.GetByTestId("counter-value")).ToHaveTextAsync("3");
        await Expect(duplicate.GetByTestId("counter-value")).ToHaveTextAsync("5");
    }

    /// <param name="asAfterACrash">
    /// Reload as the kit does after a crash, the tab handed to the prerender (which then reads Redis too), rather than
    /// by hand (whose prerender shows the defaults, as docs/tab-state.md says: only the circuit's renders count then).
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_restore_that_cannot_read_redis_waits_for_a_ready_instance_and_reloads_with_the_state_never_showing_the_default(bool asAfterACrash)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = new AppServer(AppBuild.Demo, environment: new Dictionary<string, string> { ["Demo__Redis"] = redis.ConnectionString });
        await server.StartAsync();
        var page = await OpenAsync(server, "/probe");
        await ProbePage.ClickCounterAsync(page, 3);
        // A reload while Redis answers: the count is stored there.
        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("3");

        // From the next document on, every count the page shows ('all'), or only those the circuit renders.
        await page.AddInitScriptAsync("""
            const watch = sessionStorage.getItem('test:watch');
            if (watch) {
              const seen = JSON.parse(sessionStorage.getItem('test:counts') ?? '[]');
              new MutationObserver(() => {
                if (watch !== 'all' && !document.querySelector('[data-testid=probe][data-interactive=true]')) { return; }
                const text = document.querySelector('[data-testid=counter-value]')?.textContent;
                if (text !== undefined && text !== seen.at(-1)) { seen.push(text); sessionStorage.setItem('test:counts', JSON.stringify(seen)); }
              }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
            }
            """);
        await page.EvaluateAsync("all => sessionStorage.setItem('test:watch', all ? 'all' : 'interactive')", asAfterACrash);
        var notReady = 0;
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/_livestate/ready", StringComparison.Ordinal) && response.Status != 200)
            {
                Interlocked.Increment(ref notReady);
            }
        };
        var documents = DocumentWatch.Attach(page);

        redis.Pause();
        if (asAfterACrash)
        {
            // What the kit does just before it reloads after a crash: the tab goes to the next request in a cookie.
            await page.EvaluateAsync("() => { document.dispatchEvent(new CustomEvent('livestate:reloading', { detail: { url: location.href } })); setTimeout(() => location.reload(), 0); }");
        }
        else
        {
            await page.ReloadAsync();
        }

        // The circuit cannot read the count: the page waits, and the instance says it is not ready while Redis is out.
        await PageWaits.HtmlClassAsync(page, "ls-reloading", Recovery);
        await documents.MarkAsync();
        await PageWaits.UntilAsync(() => Volatile.Read(ref notReady) >= 3, Recovery);
        Assert.True(await documents.IsSameDocumentAsync(), "The page reloaded while no instance could read its state.");

        redis.Resume();
        await PageWaits.UntilAsync(page, "() => !window.__testDocumentMark && document.documentElement.classList.contains('ls-connected')", Recovery);
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("3");
        var counts = await page.EvaluateAsync<string[]>("() => JSON.parse(sessionStorage.getItem('test:counts') ?? '[]')");
        output.WriteLine($"counts shown: {string.Join(", ", counts)}; documents: {string.Join(" | ", documents.Documents)}");
        Assert.Equal(["3"], counts);
        Assert.Empty(documents.Failures);
        await ServerOutput.WaitForLogAsync(server, "the page waits for an instance that can read it and reloads", output);
        if (asAfterACrash)
        {
            await ServerOutput.WaitForLogAsync(server, "for the prerender of a reload", output);
        }
    }

    [Fact]
    public async Task A_tab_state_page_keeps_its_content_on_screen_while_it_becomes_interactive()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        // Counts the moments the page's content was gone after it had been shown: Blazor swaps the
        // prerendered page for its interactive render, which must already hold the page.
        await page.AddInitScriptAsync("""
            window.__pageGone = 0;
            let seen = false;
            new MutationObserver(() => {
              const shown = document.querySelector('[data-testid=probe]') !== null;
              if (shown) { seen = true; } else if (seen) { window.__pageGone++; }
            }).observe(document, { subtree: true, childList: true });
            """);

        await page.GotoAsync(new Uri(server.BaseUri, "/probe").ToString());
        await PageWaits.InteractiveAsync(page, Recovery, selector: ProbePage.InteractiveSelector);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__pageGone"));

        // Once more with saved state to restore.
        await SavedAfterAsync(page, ProbeEntry, () => ProbePage.ClickCounterAsync(page, 3));
        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery, selector: ProbePage.InteractiveSelector);
        await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync("3");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__pageGone"));
    }

    [Fact]
    public async Task Tab_state_larger_than_one_SignalR_message_is_back_after_a_reload_and_a_restart()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/probe/large-tab-state");
        for (var i = 0; i < 5; i++)
        {
            await SavedAfterAsync(page, LargeEntry, () => page.GetByTestId("add-note").ClickAsync());
        }

        await SavedAfterAsync(page, LargeEntry, () => page.GetByTestId("click").ClickAsync());
        // The browser holds more than SignalR lets it send to the server in one message (32 KB by default).
        Assert.True((await EntryAsync(page, LargeEntry))!.Length > 40_000);

        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery);
        await ExpectLargeStateAsync(page);

        var oldInstance = await PageWaits.InstanceAsync(page);
        await server.DeployAsync(DeployKind.KillAndRestart);
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
        await ExpectLargeStateAsync(page);
        // And the page goes on saving.
        await SavedAfterAsync(page, LargeEntry, () => page.GetByTestId("click").ClickAsync());
        await Expect(page.GetByTestId("clicks")).ToHaveTextAsync("2");
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());

        static async Task ExpectLargeStateAsync(IPage page)
        {
            await Expect(page.GetByTestId("note-count")).ToHaveTextAsync("5");
            await Expect(page.GetByTestId("note-characters")).ToHaveTextAsync("40000");
            await Expect(page.GetByTestId("clicks")).ToHaveTextAsync("1");
        }
    }

    [Fact]
    public async Task Value_over_the_size_limit_is_dropped_alone_named_in_the_log_and_the_rest_comes_back()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/probe/large-tab-state");
        await SavedAfterAsync(page, LargeEntry, () => page.GetByTestId("add-note").ClickAsync());
        await SavedAfterAsync(page, LargeEntry, () => page.GetByTestId("click").ClickAsync());

        await SavedAfterAsync(page, LargeEntry, () => page.GetByTestId("attach").ClickAsync());
        await ServerOutput.WaitForLogAsync(server, $"Tab state {LargeEntry}.Attachment is not saved: its value is 70012 bytes", output);

        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.GetByTestId("note-count")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("clicks")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("attachment-characters")).ToHaveTextAsync("0");
    }

    private async Task<IPage> SignedInPageAsync(AppServer server, string name)
    {
        var page = await Browser.NewPageAsync();
        await DemoAccount.SignInAsync(page, server, name, Recovery);
        return page;
    }

    private static async Task PlantAsync(IPage page, string record) =>
        await page.AddInitScriptAsync($"if (!sessionStorage.getItem('planted')) {{ sessionStorage.setItem('planted', '1'); sessionStorage.setItem({JsonSerializer.Serialize(TabStorageKey)}, {JsonSerializer.Serialize(record)}); }}");

    /// <summary>Does <paramref name="change"/> and waits until the tab record holds a new sealed entry for <paramref name="entry"/>.</summary>
    private static async Task SavedAfterAsync(IPage page, string entry, Func<Task> change)
    {
        var before = await EntryAsync(page, entry);
        await change();
        await PageWaits.UntilAsync(
            page,
            "([k, e, before]) => (JSON.parse(sessionStorage.getItem(k) ?? '{}').entries?.[e] ?? null) !== before",
            TimeSpan.FromSeconds(5),
            new[] { TabStorageKey, entry, before });
    }

    private static Task<string?> EntryAsync(IPage page, string entry) =>
        page.EvaluateAsync<string?>("([k, e]) => JSON.parse(sessionStorage.getItem(k) ?? '{}').entries?.[e] ?? null", new[] { TabStorageKey, entry });

    private static async Task<string> ReadGameAsync(IPage page)
    {
        await Expect(page.GetByTestId("game-moves")).ToBeVisibleAsync();
        return await page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('[data-testid^=game-cell-]')].map(c => c.dataset.state[0]).join('')
          + '|' + document.querySelector('[data-testid=game-moves]').textContent
          + '|' + document.querySelector('[data-testid=game-score]').textContent
          + '|' + document.querySelector('[data-testid=game-flag-mode]').getAttribute('aria-pressed')
        """);
    }
}

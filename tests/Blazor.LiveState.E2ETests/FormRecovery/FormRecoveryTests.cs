using System.Diagnostics;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.FormRecovery;

/// <summary>
/// &lt;FormRecovery /&gt; on the demo's deploy-check page: what the user typed, including while the
/// server was down, is back in the DOM and in the server's model after real restarts and deploys.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FormRecoveryTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const string StorageKey = "blazor-livestate:form:/probe#ProbeForm";
    private const string TypedWhileDown = " (typed while the server was down)";
    private static readonly string[] FormPieces = ["name", "quantity", "country", "gift", "giftMessage", "notes", "date"];

    [Theory]
    [InlineData(DeployKind.KillAndRestart)]
    [InlineData(DeployKind.TerminateAndRestart)]
    [InlineData(DeployKind.NewBuild)]
    public async Task Every_typed_value_is_back_in_the_dom_and_the_model_after_the_deploy(DeployKind kind)
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, ProbePage.Path);
        await ProbePage.ChangeEverythingAsync(page);
        var oldInstance = await PageWaits.InstanceAsync(page);
        var notes = page.GetByTestId("form-notes");

        await server.DeployAsync(kind, AppBuild.DemoNext, whileDown: async () =>
        {
            // The user keeps typing while the page is reconnecting; nothing reaches the server now.
            await notes.PressSequentiallyAsync(TypedWhileDown);
            await notes.BlurAsync();
        });
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
        var expectedNotes = ProbePage.Expected["notes"] + TypedWhileDown;
        // Restoring takes a few round trips (the gift message only appears once "gift" is back): wait for it.
        var state = await WaitForFormAsync(page, expectedNotes);
        output.WriteLine(state.ToString());
        foreach (var piece in FormPieces.Where(p => p != "notes"))
        {
            Assert.True(state.Survived(piece), $"{piece} was not restored: {state}");
        }

        Assert.Equal(expectedNotes, state.Echo["notes"]);
        Assert.Equal(expectedNotes, state.Dom["notes"]);
        Assert.False(state.PasswordRestored, "The password came back.");
        await AssertPasswordNeverStoredAsync(page);
        await ServerOutput.WaitForLogAsync(server, "Form 'ProbeForm': restored", output);
    }

    [Fact]
    public async Task Failed_submit_comes_back_with_its_validation_messages()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, ProbePage.Path);
        await ProbePage.FillAndLeaveAsync(page, "form-quantity", "5");
        await page.GetByTestId("form-submit").ClickAsync();
        var message = page.Locator(".validation-message", new() { HasText = "Name is required." });
        await Expect(message).ToBeVisibleAsync();
        await PageWaits.UntilAsync(page, "k => (sessionStorage.getItem(k) ?? '').includes('\"submitAttempted\":true')", TimeSpan.FromSeconds(5), StorageKey);
        var oldInstance = await PageWaits.InstanceAsync(page);

        await server.DeployAsync(DeployKind.KillAndRestart);
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);

        await Expect(page.GetByTestId("echo-quantity")).ToHaveTextAsync("5", new() { Timeout = 15_000 });
        await Expect(message).ToBeVisibleAsync();
        await Expect(page.GetByTestId("form-submitted")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Form_left_half_filled_is_back_when_the_app_navigates_to_it_again()
    {
        // This document started with no stored form: the restore still starts in the browser, in the render that
        // brings the form back (see the next test for the server's part).
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, ProbePage.Path);
        await page.EvaluateAsync("() => window.sameDocument = true");
        await ProbePage.FillAndLeaveAsync(page, "form-name", "Grace Hopper");
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync("Grace Hopper");
        await PageWaits.UntilAsync(page, "k => sessionStorage.getItem(k) !== null", TimeSpan.FromSeconds(5), StorageKey);

        await page.GetByTestId("nav-checkout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/checkout$"));
        await Expect(page.GetByTestId("echo-name")).ToHaveCountAsync(0);
        await page.GetByTestId("nav-probe").ClickAsync();

        await Expect(page.GetByTestId("form-name")).ToHaveValueAsync("Grace Hopper");
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync("Grace Hopper");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The app navigated by reloading the page.");
    }

    [Fact]
    public async Task A_form_the_app_navigates_to_is_restored_by_the_browser_without_waiting_for_the_server_to_ask()
    {
        // One way to start a restore: the form's marker, in the render that makes it live. The server's call for the
        // form's handle (OnAfterRenderAsync, a round trip later) only collects the outcome: held back here, the form
        // is restored, into the DOM and the model, all the same. Before, a document that started without a stored
        // form was not watched, and its forms waited for that call.
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var calls = await FormHandleCalls.AttachAsync(page.Context);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await ProbePage.FillAndLeaveAsync(page, "form-name", "Grace Hopper");
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync("Grace Hopper");
        await PageWaits.UntilAsync(page, "k => sessionStorage.getItem(k) !== null", TimeSpan.FromSeconds(5), StorageKey);
        await page.GetByTestId("nav-checkout").ClickAsync();
        await Expect(page.GetByTestId("echo-name")).ToHaveCountAsync(0);

        calls.Hold();
        await page.GetByTestId("nav-probe").ClickAsync();

        await Expect(page.GetByTestId("form-name")).ToHaveValueAsync("Grace Hopper");
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync("Grace Hopper");
        Assert.True(calls.Held > 0, "The server's call for the form's handle was not held: the test proves nothing.");
    }

    [Fact]
    public async Task Restored_fields_reach_the_server_one_at_a_time_each_after_the_answer_to_the_one_before()
    {
        // Sent together, the later fields' events can reach a circuit that already retired their handler ids
        // (the first field's render replaced them), and the model silently misses them.
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, ProbePage.Path);
        await ProbePage.ChangeEverythingAsync(page);
        var messages = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.WebSocket += (_, socket) =>
        {
            socket.FrameSent += (_, frame) =>
            {
                if (frame.Text is { } text && text.Contains("DispatchEventAsync", StringComparison.Ordinal))
                {
                    // One entry per change event, also when several share a frame.
                    for (var i = 0; i < text.Split("\"eventName\":\"change\"").Length - 1; i++)
                    {
                        messages.Enqueue("change");
                    }
                }
                else if (frame.Text?.Contains("RoundTrip", StringComparison.Ordinal) == true)
                {
                    messages.Enqueue("round trip asked");
                }
            };
            socket.FrameReceived += (_, frame) =>
            {
                if (frame.Text?.Contains("JS.EndInvokeDotNet", StringComparison.Ordinal) == true)
                {
                    messages.Enqueue("answer");
                }
            };
        };

        // The probe's model is a [FormRecoveryModel], which takes a snapshot of the running build before the first
        // render; one of an older build (the form may have changed) goes back through the inputs' events. The page
        // saves its form as it unloads, so the next document marks the snapshot as older, before the kit reads it.
        await page.AddInitScriptAsync("""
            Object.keys(sessionStorage).filter(k => k.startsWith('blazor-livestate:form:')).forEach(k => {
              const snapshot = JSON.parse(sessionStorage.getItem(k));
              sessionStorage.setItem(k, JSON.stringify({ ...snapshot, build: 'an-older-build' }));
            });
            """);
        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery);
        var state = await WaitForFormAsync(page, ProbePage.Expected["notes"]);
        Assert.True(FormPieces.All(state.Survived), $"Not every field came back: {state}");
        // The round trip is a real call into the circuit, not one that fails and lets the restore go on.
        Assert.Equal("ok", await page.EvaluateAsync<string>("() => DotNet.invokeMethodAsync('Blazor.LiveState', 'RoundTrip').then(() => 'ok', e => String(e))"));

        var sequence = messages.ToList();
        output.WriteLine(string.Join(", ", sequence));
        Assert.Equal(FormPieces.Length, sequence.Count(m => m == "change"));
        // After a change, the next may leave only once a round trip was asked and an answer came back after it.
        var mayChange = true;
        var asked = false;
        foreach (var message in sequence)
        {
            switch (message)
            {
                case "change":
                    Assert.True(mayChange, $"A field's events left before the server answered for the field before: {string.Join(", ", sequence)}");
                    mayChange = false;
                    break;
                case "round trip asked":
                    asked = true;
                    break;
                case "answer" when asked:
                    mayChange = true;
                    asked = false;
                    break;
            }
        }
    }

    [Fact]
    public async Task A_submit_pressed_while_fields_are_being_put_back_waits_for_them_and_goes_through()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseUri, "/checkout").ToString());
        await Expect(page.Locator("[data-livestate-form-recovery=live]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await ProbePage.FillAndLeaveAsync(page, "checkout-full-name", "Ada Lovelace");
        await ProbePage.FillAndLeaveAsync(page, "checkout-email", "ada@example.com");
        await page.GetByTestId("checkout-country").SelectOptionAsync("SE");
        // Typing is saved as it happens; the country (chosen by script, so not the user's own event) when the page
        // goes away for the reload.
        await PageWaits.UntilAsync(page, "() => Object.keys(sessionStorage).some(k => k.startsWith('blazor-livestate:form:/checkout#') && sessionStorage.getItem(k).includes('ada@example.com'))", TimeSpan.FromSeconds(5));

        // The user presses Enter the moment the reloaded form is live: the restore has just started (every stored
        // value is on screen, but the events that take them to the server go one field at a time, each after the
        // server answered the one before), so the email has not reached the server yet.
        await page.AddInitScriptAsync("""
            window.emailEventsSent = 0;
            document.addEventListener('change', e => {
              if (e.target?.dataset?.testid === 'checkout-email') {
                window.emailEventsSent++;
              }
            }, true);
            new MutationObserver((_, observer) => {
              const marker = document.querySelector('[data-livestate-attached]');
              if (marker) {
                observer.disconnect();
                queueMicrotask(() => {
                  window.emailEventsAtSubmit = window.emailEventsSent;
                  marker.closest('form').requestSubmit();
                });
              }
            }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-livestate-attached'] });
            """);
        await page.ReloadAsync();

        await Expect(page.GetByTestId("checkout-step")).ToHaveTextAsync("2", new() { Timeout = 15_000 });
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.emailEventsAtSubmit"));
        await Expect(page.Locator(".validation-message")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Successful_submit_forgets_the_form()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, ProbePage.Path);
        await ProbePage.FillAndLeaveAsync(page, "form-name", "Grace Hopper");
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync("Grace Hopper");
        await PageWaits.UntilAsync(page, "k => sessionStorage.getItem(k) !== null", TimeSpan.FromSeconds(5), StorageKey);

        await page.GetByTestId("form-submit").ClickAsync();
        await Expect(page.GetByTestId("form-submitted")).ToBeVisibleAsync();
        await PageWaits.UntilAsync(page, "k => sessionStorage.getItem(k) === null", TimeSpan.FromSeconds(5), StorageKey);
        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery);

        await Expect(page.GetByTestId("form-name")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync("");
    }

    [Theory]
    [InlineData("{not json", "invalid-json")]
    [InlineData("[1,2,3]", "wrong-shape")]
    [InlineData("{\"v\":1,\"savedAt\":1,\"fields\":[]}", "expired")]
    public async Task Tampered_storage_is_ignored_and_logged(string stored, string reason)
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, ProbePage.Path);

        await PlantSnapshotAndReloadAsync(page, stored);
        await PageWaits.InteractiveAsync(page, Recovery);

        await ServerOutput.WaitForLogAsync(server, $"Form 'ProbeForm': the stored snapshot was ignored ({reason})", output);
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync("");
        await Expect(page.GetByTestId("echo-quantity")).ToHaveTextAsync("1");
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
    }

    [Fact]
    public async Task Hostile_markup_in_storage_is_restored_as_inert_text()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, ProbePage.Path);
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };
        const string Hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        var snapshot = $$"""{"v":1,"savedAt":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"owner":"anonymous","fields":[{"k":"name:_form.Name","t":"v","v":{{System.Text.Json.JsonSerializer.Serialize(Hostile)}}},{"k":"name:_form.Country","t":"v","v":"XX"}]}""";

        await PlantSnapshotAndReloadAsync(page, snapshot);
        await PageWaits.InteractiveAsync(page, Recovery);

        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync(Hostile);
        // A value the select does not offer is not forced in.
        await Expect(page.GetByTestId("echo-country")).ToHaveTextAsync("");
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
    }

    [Fact]
    public async Task Two_tabs_on_the_same_form_keep_their_own_values()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var first = await OpenAsync(server, ProbePage.Path);
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(second, Recovery);
        await TypeNameAsync(first, "First tab");
        await TypeNameAsync(second, "Second tab");
        var oldInstance = await PageWaits.InstanceAsync(first);

        await server.DeployAsync(DeployKind.KillAndRestart);
        await PageWaits.InteractiveAsync(first, Recovery, oldInstance);
        await PageWaits.InteractiveAsync(second, Recovery, oldInstance);

        await Expect(first.GetByTestId("echo-name")).ToHaveTextAsync("First tab", new() { Timeout = 15_000 });
        await Expect(second.GetByTestId("echo-name")).ToHaveTextAsync("Second tab", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_field_the_url_sets_keeps_the_links_value_while_the_typed_fields_come_back()
    {
        const string checkoutKey = "blazor-livestate:form:/checkout#ContactDetails";
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await OpenAsync(server, "/checkout");

        // The user types a name and a promo code; the code is URL state, so the address follows it.
        await ProbePage.FillAndLeaveAsync(page, "checkout-full-name", "Ada Lovelace");
        await ProbePage.FillAndLeaveAsync(page, "checkout-promo", "OLD10");
        await Expect(page.GetByTestId("checkout-promo-echo")).ToHaveTextAsync("OLD10");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]promo=OLD10\b"));
        await PageWaits.UntilAsync(page, "k => (sessionStorage.getItem(k) ?? '').includes('OLD10')", TimeSpan.FromSeconds(5), checkoutKey);

        // Then opens a campaign link with another code in the same tab: the stored form still says OLD10.
        await page.GotoAsync(new Uri(server.BaseUri, "/checkout?promo=NEW20").ToString());
        await AssertLinkWinsAsync(page, "the link was opened");

        // And the server restarts: the page reloads into the same address and the rule holds again.
        var oldInstance = await PageWaits.InstanceAsync(page);
        await server.DeployAsync(DeployKind.KillAndRestart);
        await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
        await AssertLinkWinsAsync(page, "the restart");

        static async Task AssertLinkWinsAsync(IPage page, string after)
        {
            // Fields are restored in one pass in document order: once the name (before the code) is back,
            // the code has been left alone or overwritten already.
            await Expect(page.GetByTestId("checkout-full-name")).ToHaveValueAsync("Ada Lovelace", new() { Timeout = 15_000 });
            Assert.True(await page.GetByTestId("checkout-promo").InputValueAsync() == "NEW20", $"The stored code replaced the link's after {after}.");
            await Expect(page.GetByTestId("checkout-promo-echo")).ToHaveTextAsync("NEW20");
            Assert.Contains("promo=NEW20", page.Url, StringComparison.Ordinal);
        }
    }

    private static async Task<ProbeState> WaitForFormAsync(IPage page, string expectedNotes)
    {
        var deadline = Stopwatch.GetTimestamp() + (15 * Stopwatch.Frequency);
        ProbeState state;
        do
        {
            await Task.Delay(50);
            state = await ProbePage.ReadAsync(page);
        }
        while (Stopwatch.GetTimestamp() < deadline &&
            !(FormPieces.Where(p => p != "notes").All(state.Survived) && state.Echo["notes"] == expectedNotes && state.Dom["notes"] == expectedNotes));

        return state;
    }

    /// <summary>
    /// Puts a snapshot in storage as the next document starts, before the kit's module runs (the
    /// leaving page saves its own form on pagehide, which would overwrite one planted earlier).
    /// </summary>
    private static async Task PlantSnapshotAndReloadAsync(IPage page, string snapshot)
    {
        var script = $"if (!sessionStorage.getItem('planted')) {{ sessionStorage.setItem('planted', '1'); sessionStorage.setItem({System.Text.Json.JsonSerializer.Serialize(StorageKey)}, {System.Text.Json.JsonSerializer.Serialize(snapshot)}); }}";
        await page.AddInitScriptAsync(script);
        await page.ReloadAsync();
    }

    private static async Task TypeNameAsync(IPage page, string name)
    {
        await ProbePage.FillAndLeaveAsync(page, "form-name", name);
        await Expect(page.GetByTestId("echo-name")).ToHaveTextAsync(name);
        await PageWaits.UntilAsync(page, "([k, n]) => (sessionStorage.getItem(k) ?? '').includes(n)", TimeSpan.FromSeconds(5), new[] { StorageKey, name });
    }

    private static async Task AssertPasswordNeverStoredAsync(IPage page)
    {
        var everything = await page.EvaluateAsync<string>(
            "() => Object.keys(sessionStorage).map(k => k + '=' + sessionStorage.getItem(k)).join('\\n') + Object.keys(localStorage).map(k => k + '=' + localStorage.getItem(k)).join('\\n')");
        Assert.DoesNotContain(ProbePage.Password, everything, StringComparison.Ordinal);
        Assert.Contains(StorageKey, everything, StringComparison.Ordinal);
    }
}

/// <summary>
/// Passes Blazor's WebSocket through Playwright and, once told to, holds back the server's calls for a form's handle
/// (<c>BlazorLiveState.forms.*</c>, not <c>keepOwner</c>): what the browser does before the server asks. One
/// WebSocket frame can carry several SignalR messages (each a VarInt length and its MessagePack body): only the
/// call's own message is held, the render batches beside it go on.
/// </summary>
internal sealed class FormHandleCalls
{
    private static readonly byte[] FormsCall = System.Text.Encoding.UTF8.GetBytes("BlazorLiveState.forms.");
    private static readonly byte[] KeepOwner = System.Text.Encoding.UTF8.GetBytes("keepOwner");
    private volatile bool _holding;
    private int _held;

    public int Held => Volatile.Read(ref _held);

    public static async Task<FormHandleCalls> AttachAsync(IBrowserContext context)
    {
        var calls = new FormHandleCalls();
        await context.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/_blazor"), route =>
        {
            var server = route.ConnectToServer();
            server.OnMessage(frame =>
            {
                if (frame.Binary is not { } binary)
                {
                    route.Send(frame.Text ?? "");
                    return;
                }

                var passed = calls._holding ? calls.WithoutHeldCalls(binary) : binary;
                if (passed.Length > 0)
                {
                    route.Send(passed);
                }
            });
        });
        return calls;
    }

    public void Hold() => _holding = true;

    private byte[] WithoutHeldCalls(byte[] frame)
    {
        var kept = new List<byte>(frame.Length);
        var offset = 0;
        while (offset < frame.Length)
        {
            if (!TryReadLength(frame, offset, out var length, out var prefix) || offset + prefix + length > frame.Length)
            {
                // Not a frame of length-prefixed messages (the handshake): it carries no call.
                return frame;
            }

            var message = frame.AsSpan(offset, prefix + length);
            if (message.IndexOf(FormsCall) >= 0 && message.IndexOf(KeepOwner) < 0)
            {
                Interlocked.Increment(ref _held);
            }
            else
            {
                kept.AddRange(message.ToArray());
            }

            offset += prefix + length;
        }

        return [.. kept];
    }

    // SignalR's binary framing: the length as a VarInt, 7 bits a byte, at most 5 bytes.
    private static bool TryReadLength(byte[] frame, int offset, out int length, out int prefix)
    {
        length = 0;
        for (prefix = 0; prefix < 5 && offset + prefix < frame.Length; prefix++)
        {
            var part = frame[offset + prefix];
            length |= (part & 0x7f) << (7 * prefix);
            if ((part & 0x80) == 0)
            {
                prefix++;
                return true;
            }
        }

        return false;
    }
}

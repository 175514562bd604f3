using System.Globalization;
using System.Text.Json;
using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.FormRecovery;

/// <summary>
/// What one user typed is never shown to the next user of the same tab, a finished checkout is forgotten, and a
/// secret never reaches browser storage: the demo's checkout in Chromium, checked in the DOM and in what
/// sessionStorage holds.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FormPrivacyTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const string FormPrefix = "blazor-livestate:form:";
    private const string ContactKey = FormPrefix + "/checkout#ContactDetails";
    private static readonly TimeSpan Saved = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Alices_half_filled_checkout_is_gone_when_she_signs_out_and_never_shown_to_Bob()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, server, "Alice");
        await OpenCheckoutAsync(page, server);
        await FillContactAsync(page, "Alice Liddell", "alice@example.com", vat: "NO 999 888 777 MVA");
        await WaitForStoredAsync(page, "alice@example.com");

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await PageWaits.InteractiveAsync(page, Recovery);

        // Gone on the page after the sign-out, a page without any form: the server said whose forms may stay.
        await WaitUntilStorageLacksAsync(page, "Alice Liddell");
        await ServerOutput.WaitForLogAsync(server, "Form recovery: forgot 1 forms another user stored in this tab", output);

        await SignInAsync(page, server, "Bob");
        await OpenCheckoutAsync(page, server);
        await Expect(page.GetByTestId("checkout-full-name")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("checkout-email")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("checkout-company")).Not.ToBeCheckedAsync();
        await AssertStorageLacksAsync(page, "Alice Liddell", "alice@example.com", "999 888 777");
    }

    [Fact]
    public async Task A_signed_in_users_checkout_is_not_restored_to_the_anonymous_visitor_her_expired_cookie_leaves()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, server, "Alice");
        await OpenCheckoutAsync(page, server);
        await FillContactAsync(page, "Alice Liddell", "alice@example.com", vat: null);
        await WaitForStoredAsync(page, "alice@example.com");

        // The sign-in cookie expires: the same tab reloads as an anonymous visitor.
        await page.Context.ClearCookiesAsync();
        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-livestate-attached]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        await Expect(page.GetByTestId("checkout-full-name")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("checkout-email")).ToHaveValueAsync("");
        await WaitUntilStorageLacksAsync(page, "Alice Liddell");
        await AssertStorageLacksAsync(page, "alice@example.com");
    }

    [Fact]
    public async Task The_visitors_own_form_still_comes_back_after_a_reload()
    {
        // The owner check must not cost the feature: the same anonymous visitor gets their typing back.
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await OpenCheckoutAsync(page, server);
        await FillContactAsync(page, "Ada Lovelace", "ada@example.com", vat: null);
        await WaitForStoredAsync(page, "ada@example.com");

        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery);

        await Expect(page.GetByTestId("checkout-full-name")).ToHaveValueAsync("Ada Lovelace", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("checkout-email")).ToHaveValueAsync("ada@example.com");
    }

    [Fact]
    public async Task A_placed_order_forgets_every_step_of_the_checkout()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await OpenCheckoutAsync(page, server);
        await FillContactAsync(page, "Grace Hopper", "grace@example.com", vat: "SE 556677889901");
        await ToReviewAsync(page, notes: "Leave it with the neighbour");
        await PageWaits.UntilAsync(page, "k => Object.keys(sessionStorage).filter(x => x.startsWith(k)).length >= 2", Saved, FormPrefix + "/checkout#");

        await page.GetByTestId("checkout-submit").ClickAsync();
        await Expect(page.GetByTestId("checkout-confirmation")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await WaitUntilStorageLacksAsync(page, "Grace Hopper");
        await AssertStorageLacksAsync(page, "grace@example.com", "556677889901", "Leave it with the neighbour");
        await page.GotoAsync(new Uri(server.BaseUri, "/checkout").ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.Locator("[data-livestate-attached]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("checkout-full-name")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("checkout-email")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_password_switched_to_text_by_show_password_never_reaches_browser_storage()
    {
        const string Password = "correct-horse-battery";
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var storage = await StorageWatch.AttachAsync(page);
        await OpenCheckoutAsync(page, server);
        await FillContactAsync(page, "Grace Hopper", "grace@example.com", vat: null);
        await ToReviewAsync(page, notes: null);

        var password = page.GetByTestId("checkout-password");
        await password.FillAsync(Password[..8]);
        await page.GetByTestId("checkout-show-password").ClickAsync();
        await Expect(password).ToHaveAttributeAsync("type", "text");
        // Typed on while it shows as text.
        await password.FillAsync(Password);
        await password.BlurAsync();
        // Save now, as a lost connection or a reload would, with the password on screen as text.
        await page.EvaluateAsync("() => document.dispatchEvent(new CustomEvent('livestate:save', { detail: { waitUntil() {} } }))");
        await PageWaits.UntilAsync(page, "k => sessionStorage.getItem(k) !== null", Saved, FormPrefix + "/checkout#ReviewDetails");

        await AssertStorageLacksAsync(page, Password[..8]);
        Assert.False(storage.EverWrote(Password[..8]), "The password was written to browser storage.");
        Assert.True(storage.EverWrote("grace@example.com"), "The watch saw no form saved at all.");
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_user_stays_signed_in()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, server, "Alice");

        // What another site's hidden form would send: the user's cookies, no token.
        var response = await page.APIRequest.PostAsync(new Uri(server.BaseUri, "/account/sign-out").ToString(), new()
        {
            Form = page.APIRequest.CreateFormData().Set("x", "1"),
            MaxRedirects = 0,
        });

        Assert.Equal(400, response.Status);
        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.GetByTestId("user-name")).ToHaveAttributeAsync("title", "Signed in as Alice");
    }

    [Fact]
    public async Task A_restored_form_keeps_the_time_of_its_last_edit_so_its_lifetime_is_not_renewed()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var editedAt = DateTimeOffset.UtcNow.AddMinutes(-50).ToUnixTimeMilliseconds();
        var snapshot = $$"""{"v":1,"savedAt":{{editedAt}},"owner":"anonymous","fields":[{"k":"name:_contact.FullName","t":"v","v":"Typed fifty minutes ago"}]}""";
        await PlantAsync(page, ContactKey, snapshot);

        await OpenCheckoutAsync(page, server);
        await Expect(page.GetByTestId("checkout-full-name")).ToHaveValueAsync("Typed fifty minutes ago", new() { Timeout = 15_000 });
        // The restore ends by saving the form again; wait for that save, then read its time.
        await page.EvaluateAsync("() => document.dispatchEvent(new CustomEvent('livestate:save', { detail: { waitUntil() {} } }))");

        var stored = await page.EvaluateAsync<string>("k => sessionStorage.getItem(k)", ContactKey);
        Assert.Equal(editedAt, JsonDocument.Parse(stored).RootElement.GetProperty("savedAt").GetInt64());
    }

    [Fact]
    public async Task A_snapshot_whose_every_entry_is_malformed_is_dropped_and_logged_once()
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var snapshot = $$"""{"v":1,"savedAt":{{now}},"owner":"anonymous","fields":[{"k":"name:_contact.FullName","t":"v","v":42},null,"x"]}""";
        await PlantAsync(page, ContactKey, snapshot);

        await OpenCheckoutAsync(page, server);
        await ServerOutput.WaitForLogAsync(server, "Form 'ContactDetails': the stored snapshot was ignored (malformed-entries)", output);
        await page.ReloadAsync();
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.Locator("[data-livestate-attached]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        Assert.Single(server.Output, l => l.Contains("ignored (malformed-entries)", StringComparison.Ordinal));
        await Expect(page.GetByTestId("checkout-full-name")).ToHaveValueAsync("");
    }

    private static Task SignInAsync(IPage page, AppServer server, string name) => DemoAccount.SignInAsync(page, server, name, Recovery);

    private static async Task OpenCheckoutAsync(IPage page, AppServer server)
    {
        await page.GotoAsync(new Uri(server.BaseUri, "/checkout").ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await Expect(page.Locator("[data-livestate-form-recovery=live]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
    }

    private static async Task FillContactAsync(IPage page, string name, string email, string? vat)
    {
        await ProbePage.FillAndLeaveAsync(page, "checkout-full-name", name);
        await ProbePage.FillAndLeaveAsync(page, "checkout-email", email);
        await page.GetByTestId("checkout-country").SelectOptionAsync("SE");
        if (vat is not null)
        {
            await page.GetByTestId("checkout-company").CheckAsync();
            await ProbePage.FillAndLeaveAsync(page, "checkout-vat", vat);
        }
    }

    /// <summary>From step 1 (filled) through the delivery step to the review.</summary>
    private static async Task ToReviewAsync(IPage page, string? notes)
    {
        await page.GetByTestId("checkout-next").ClickAsync();
        await Expect(page.GetByTestId("checkout-step")).ToHaveTextAsync("2");
        var date = DateTime.Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await ProbePage.FillAndLeaveAsync(page, "checkout-delivery-date", date);
        if (notes is not null)
        {
            await ProbePage.FillAndLeaveAsync(page, "checkout-notes", notes);
        }

        await page.GetByTestId("checkout-next").ClickAsync();
        await Expect(page.GetByTestId("checkout-step")).ToHaveTextAsync("3");
    }

    private static async Task WaitForStoredAsync(IPage page, string text) =>
        await PageWaits.UntilAsync(page, "([p, t]) => Object.keys(sessionStorage).some(k => k.startsWith(p) && sessionStorage.getItem(k).includes(t))", Saved, new[] { FormPrefix, text });

    private static async Task WaitUntilStorageLacksAsync(IPage page, string text) =>
        await PageWaits.UntilAsync(page, "t => !Object.keys(sessionStorage).some(k => (sessionStorage.getItem(k) ?? '').includes(t))", Saved, text);

    private static async Task AssertStorageLacksAsync(IPage page, params string[] texts)
    {
        var everything = await page.EvaluateAsync<string>(
            "() => Object.keys(sessionStorage).map(k => k + '=' + sessionStorage.getItem(k)).join('\\n') + Object.keys(localStorage).map(k => k + '=' + localStorage.getItem(k)).join('\\n')");
        foreach (var text in texts)
        {
            Assert.DoesNotContain(text, everything, StringComparison.Ordinal);
        }
    }

    /// <summary>Puts a snapshot in storage as the next document of this tab starts, before the kit's script runs.</summary>
    private static async Task PlantAsync(IPage page, string key, string snapshot) =>
        await page.AddInitScriptAsync($"if (!sessionStorage.getItem('planted')) {{ sessionStorage.setItem('planted', '1'); sessionStorage.setItem({JsonSerializer.Serialize(key)}, {JsonSerializer.Serialize(snapshot)}); }}");
}

using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Infrastructure;

/// <summary>The demo's sign-in (a name, no password), done as a user does it.</summary>
internal static class DemoAccount
{
    /// <summary>Signs <paramref name="page"/>'s browser in as <paramref name="name"/> and waits until the layout says so.</summary>
    public static async Task SignInAsync(IPage page, AppServer server, string name, TimeSpan timeout)
    {
        await page.GotoAsync(new Uri(server.BaseUri, "/account/sign-in").ToString());
        await page.GetByTestId("sign-in-name").FillAsync(name);
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await PageWaits.InteractiveAsync(page, timeout);
        await Expect(page.GetByTestId("user-name")).ToHaveAttributeAsync("title", $"Signed in as {name}");
    }
}

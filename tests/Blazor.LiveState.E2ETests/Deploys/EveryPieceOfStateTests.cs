using Blazor.LiveState.DeployHarness;
using Blazor.LiveState.E2ETests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Blazor.LiveState.E2ETests.Deploys;

/// <summary>
/// The product's deploy test on one server: a tab, a counter, a list filter and page, and a form with a
/// conditional field, all changed by the user, who keeps typing while the server is down. After a kill -9,
/// a SIGTERM and a new build, with no user action, every piece is back in the DOM and in the server's model,
/// and the password was never written to browser storage.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class EveryPieceOfStateTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const string TypedWhileDown = " (typed while the server was down)";

    [Theory]
    [InlineData(DeployKind.KillAndRestart)]
    [InlineData(DeployKind.TerminateAndRestart)]
    [InlineData(DeployKind.NewBuild)]
    public async Task Every_piece_of_state_is_back_after_the_deploy_with_no_user_action(DeployKind kind)
    {
        await using var server = new AppServer(AppBuild.Demo);
        await server.StartAsync();
        var page = await Browser.NewPageAsync();
        var storage = await StorageWatch.AttachAsync(page);
        await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        await ProbePage.ChangeEverythingAsync(page);
        var oldInstance = await PageWaits.InstanceAsync(page);
        var urlBefore = page.Url;

        try
        {
            await server.DeployAsync(kind, AppBuild.DemoNext, whileDown: async () =>
            {
                var notes = page.GetByTestId("form-notes");
                await notes.PressSequentiallyAsync(TypedWhileDown);
                await notes.BlurAsync();
            });
            await PageWaits.InteractiveAsync(page, Recovery, oldInstance);
            var expectedNotes = ProbePage.Expected["notes"] + TypedWhileDown;
            var state = await ProbePage.WaitForStateAsync(
                page,
                s => ProbePage.Expected.Keys.Where(k => k != "notes").All(s.Survived) && s.Echo["notes"] == expectedNotes && s.Dom["notes"] == expectedNotes,
                TimeSpan.FromSeconds(15));
            output.WriteLine(state.ToString());

            foreach (var piece in ProbePage.Expected.Keys.Where(k => k != "notes"))
            {
                Assert.True(state.Survived(piece), $"{piece} did not survive: {state}");
            }

            Assert.Equal(expectedNotes, state.Echo["notes"]);
            Assert.Equal(expectedNotes, state.Dom["notes"]);
            Assert.Equal(urlBefore, page.Url);
            Assert.False(state.PasswordRestored, "The password came back.");
            Assert.False(storage.EverWrote(ProbePage.Password), "The password was written to browser storage.");
            Assert.NotEmpty(storage.Writes);

            // Live on the new server, not just painted: the counter goes on from where it was.
            await page.GetByTestId("counter-increment").ClickAsync();
            await Expect(page.GetByTestId("counter-value")).ToHaveTextAsync((int.Parse(ProbePage.Expected["counter"], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            ServerOutput.WriteTo(output, server);
        }
    }
}

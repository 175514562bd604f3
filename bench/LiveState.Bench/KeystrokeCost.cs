using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>
/// What typing costs on the wire: WebSocket messages and bytes the page sends to the server while the
/// user types into form fields, with and without &lt;FormRecovery /&gt; (the demo's probe form has it,
/// the stock app's identical form has not). Form recovery must add nothing.
/// </summary>
internal sealed class KeystrokeCost(Chromium chromium)
{
    public const string Text = "The quick brown fox jumps over the lazy dog 0123456";

    public async Task<(int Messages, long Bytes)> MeasureAsync(AppBuild build)
    {
        await using var server = new AppServer(build);
        await server.StartAsync();
        var context = await chromium.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var wire = WireCounter.Attach(page, server);
            await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
            await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(60));
            // Where the form has <FormRecovery />, start once it captures, as it has long before a real user types.
            await PageWaits.UntilAsync(page, "() => !document.querySelector('[data-livestate-form-recovery]:not([data-livestate-attached])')", TimeSpan.FromSeconds(10));
            // The circuit's start-up exchange (tab state, the reconnect report) is not typing: wait it out.
            await wire.WaitForQuietAsync(TimeSpan.FromMilliseconds(500));

            wire.Start();
            await page.GetByTestId("form-name").PressSequentiallyAsync(Text);
            await page.GetByTestId("form-notes").PressSequentiallyAsync(Text);
            // Past FormRecovery's save delay, so a write it made would have been counted.
            await page.WaitForTimeoutAsync(1_000);
            var count = wire.Stop();
            return (count.MessagesSent, count.BytesSent);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}

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
            var counting = false;
            var messages = 0;
            long bytes = 0;
            var lastFrameAt = System.Diagnostics.Stopwatch.GetTimestamp();
            page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
            {
                lastFrameAt = System.Diagnostics.Stopwatch.GetTimestamp();
                if (counting)
                {
                    Interlocked.Increment(ref messages);
                    Interlocked.Add(ref bytes, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
                }
            };
            await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
            await PageWaits.InteractiveAsync(page, TimeSpan.FromSeconds(60));
            // Where the form has <FormRecovery />, start once it captures, as it has long before a real user types.
            await PageWaits.UntilAsync(page, "() => !document.querySelector('[data-livestate-form-recovery]:not([data-livestate-attached])')", TimeSpan.FromSeconds(10));

            // The circuit's start-up exchange (tab state, the reconnect report) is not typing: wait it out.
            var quietBy = System.Diagnostics.Stopwatch.GetTimestamp() + (5 * System.Diagnostics.Stopwatch.Frequency);
            while (System.Diagnostics.Stopwatch.GetElapsedTime(lastFrameAt) < TimeSpan.FromMilliseconds(500) && System.Diagnostics.Stopwatch.GetTimestamp() < quietBy)
            {
                await Task.Delay(50);
            }

            counting = true;
            await page.GetByTestId("form-name").PressSequentiallyAsync(Text);
            await page.GetByTestId("form-notes").PressSequentiallyAsync(Text);
            // Past FormRecovery's save delay, so a write it made would have been counted.
            await page.WaitForTimeoutAsync(1_000);
            counting = false;
            return (messages, bytes);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}

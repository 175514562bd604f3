using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// Where the user left the page before a deploy: the window scrolled down and the caret inside the notes field.
/// A planned deploy that moves the page in place must keep both (issue 13: "scroll and focus kept").
/// </summary>
/// <remarks>
/// The scroll position is kept when the user sees what they left: the notes field at the same place in the window
/// (within a pixel). <c>window.scrollY</c> alone says less: the demo's header shows the serving process, and when
/// content above the field changes height the same view needs another <c>scrollY</c> (the browser's scroll
/// anchoring moves it so). A run whose <c>scrollY</c> differs is written to the console either way.
/// </remarks>
/// <param name="ScrollY">The window's vertical scroll position.</param>
/// <param name="FieldTop">Where the notes field's top is in the window, in CSS pixels.</param>
/// <param name="Focused">The test id of the focused element.</param>
/// <param name="Caret">The caret's position in it.</param>
internal sealed record UserPosition(double ScrollY, double FieldTop, string? Focused, int Caret)
{
    private const int Scroll = 120;
    private const int CaretAt = 3;

    // A smooth scroll's last steps come a frame or two apart; ten still frames (about 170 ms) is past them.
    private const int StillFrames = 10;

    // After a recovery the page puts focus and caret back once its fields are rendered again.
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Scrolls the page and puts the caret in the notes, as a user would leave it.</summary>
    /// <exception cref="InvalidOperationException">The page cannot scroll or take the focus, so the check would prove nothing.</exception>
    public static async Task<UserPosition> PlaceAsync(IPage page)
    {
        // The demo's Bootstrap scrolls smoothly, so the Tab that left the last field may still be scrolling the
        // window to the submit button. An instant scroll during that animation can be followed by one more of its
        // steps (seen: 120 -> 122 or 123 a frame later, with no deploy at all), and the page would then not be
        // where this record says the user left it. Place only once the window is still, and read only once it is
        // still again.
        await WhenStillAsync(page);
        await page.EvaluateAsync(
            "([top, caret]) => { window.scrollTo({ top, behavior: 'instant' }); const n = document.querySelector('[data-testid=form-notes]'); n.focus(); n.setSelectionRange(caret, caret); }",
            new[] { Scroll, CaretAt });
        await WhenStillAsync(page);
        var placed = await ReadAsync(page);
        if (placed.ScrollY <= 0 || placed.Focused != "form-notes" || placed.Caret != CaretAt)
        {
            throw new InvalidOperationException($"The probe page could not be scrolled and focused as a user leaves it: {placed}.");
        }

        return placed;
    }

    /// <summary>Whether the page shows this position again (waiting a little for focus and caret to come back).</summary>
    public async Task<(bool Scroll, bool Focus)> KeptAsync(IPage page)
    {
        try
        {
            await PageWaits.UntilAsync(
                page,
                "e => Math.abs(document.querySelector('[data-testid=form-notes]').getBoundingClientRect().top - e.fieldTop) <= 1 && document.activeElement?.dataset?.testid === e.focused && document.activeElement.selectionStart === e.caret",
                SettleTimeout,
                new { fieldTop = FieldTop, focused = Focused, caret = Caret });
        }
        catch (TimeoutException)
        {
            // Not (all) kept: the read below says which part.
        }

        var now = await ReadAsync(page);
        var viewKept = Math.Abs(now.FieldTop - FieldTop) <= 1;
        if (now.ScrollY != ScrollY)
        {
            Console.WriteLine($"    scrollY {ScrollY} -> {now.ScrollY}, notes field's top in the window {FieldTop:F1} -> {now.FieldTop:F1}: view {(viewKept ? "kept" : "moved")}");
        }

        return (viewKept, now.Focused == Focused && now.Caret == Caret);
    }

    /// <summary>Waits until the window has been still for <see cref="StillFrames"/> frames (at most <see cref="SettleTimeout"/>).</summary>
    private static Task WhenStillAsync(IPage page) => PageWaits.WhenScrollIsStillAsync(page, StillFrames, SettleTimeout);

    private static async Task<UserPosition> ReadAsync(IPage page)
    {
        var raw = await page.EvaluateAsync<RawPosition>(
            "() => ({ scrollY: window.scrollY, fieldTop: document.querySelector('[data-testid=form-notes]').getBoundingClientRect().top, focused: document.activeElement?.dataset?.testid ?? null, caret: document.activeElement?.selectionStart ?? -1 })");
        return new UserPosition(raw.ScrollY, raw.FieldTop, raw.Focused, raw.Caret);
    }

    private sealed class RawPosition
    {
        public double ScrollY { get; set; }

        public double FieldTop { get; set; }

        public string? Focused { get; set; }

        public int Caret { get; set; }
    }
}

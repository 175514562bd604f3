using System.Diagnostics;
using Microsoft.Playwright;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// Records in the page itself when the probe page became interactive and when each piece of state came
/// back, as the DOM changes. Polling from the test adds its own interval and a round trip to every moment
/// it sees; a benchmark that compares two short times needs the moment itself.
/// </summary>
/// <remarks>
/// The recorder is an init script, so it runs in every document of the context, including the one a
/// reload brings. Times are the page's wall clock (<c>performance.timeOrigin + performance.now()</c>),
/// the same clock as this process's on one machine.
/// </remarks>
public static class StateTimeline
{
    /// <summary>Installs the recorder in every page the context opens from now on.</summary>
    public static Task AttachAsync(IBrowserContext context) => context.AddInitScriptAsync(RecorderScript);

    /// <summary>The states the current document showed, oldest first, each with the moment it appeared.</summary>
    public static async Task<IReadOnlyList<TimedProbeState>> ReadAsync(IPage page)
    {
        // A change not painted yet is recorded now: the read may come before the frame that would record it.
        var entries = await page.EvaluateAsync<Entry[]?>("() => { window.__liveStateTimelineFlush?.(); return window.__liveStateTimeline ?? null; }")
            ?? throw new InvalidOperationException("The page has no state timeline: attach the recorder to its context before it loads.");
        return [.. entries.Select(e => new TimedProbeState(
            FromPageClock(e.At),
            e.Interactive,
            e.Instance,
            new ProbeState(e.State.Dom, e.State.Echo)))];
    }

    /// <summary>A page's wall-clock time (<c>performance.timeOrigin + performance.now()</c>, in milliseconds).</summary>
    public static DateTimeOffset FromPageClock(double milliseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond));

    /// <summary>The wall-clock time of a <see cref="Stopwatch"/> timestamp taken in this process.</summary>
    public static DateTimeOffset ToWallClock(long stopwatchTimestamp) =>
        DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(stopwatchTimestamp);

    // A new entry whenever what the probe reads changes, read in the next frame: DOM mutations cover the server's
    // renders, and the input and change events cover values set on inputs (a property, which no mutation reports).
    private static readonly string RecorderScript = $$"""
        (() => {
          const read = {{ProbePage.ReadScript}};
          const timeline = window.__liveStateTimeline = [];
          let last = '';
          const recordNow = () => {
            scheduled = false;
            // The page's own flag: a layout can be interactive while the page inside it has not rendered yet.
            const marker = document.querySelector({{System.Text.Json.JsonSerializer.Serialize(ProbePage.InteractiveSelector)}});
            const entry = { interactive: marker?.dataset.interactive === 'true', instance: marker?.dataset.instance ?? null, state: read() };
            const key = JSON.stringify(entry);
            if (key !== last) {
              last = key;
              timeline.push({ at: performance.timeOrigin + performance.now(), ...entry });
            }
          };
          // What the user sees is what a frame paints: a change undone before the next frame (a value put back in
          // the task that rendered its field) is never on screen. So the page is read in the frame after a change.
          let scheduled = false;
          const record = () => {
            if (!scheduled) {
              scheduled = true;
              requestAnimationFrame(recordNow);
            }
          };
          window.__liveStateTimelineFlush = () => {
            if (scheduled) {
              recordNow();
            }
          };
          new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          for (const type of ['input', 'change']) {
            document.addEventListener(type, record, true);
          }
        })();
        """;

    private sealed class Entry
    {
        public double At { get; set; }

        public bool Interactive { get; set; }

        public string? Instance { get; set; }

        public ProbePage.RawProbeState State { get; set; } = new();
    }
}

/// <summary>What the probe page showed from <paramref name="At"/> on.</summary>
/// <param name="At">When the page first showed it.</param>
/// <param name="Interactive">Whether the page said it was interactive.</param>
/// <param name="Instance">The server process that rendered the page.</param>
/// <param name="State">Every piece of state, in the DOM and in the server model's echo.</param>
public sealed record TimedProbeState(DateTimeOffset At, bool Interactive, string? Instance, ProbeState State);

using System.Diagnostics;
using Microsoft.Playwright;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// Waits for conditions in a page that may be reloading under the test's feet (Blazor reloads after a
/// deploy), which Playwright's own waits report as an error.
/// </summary>
public static class PageWaits
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Polls <paramref name="predicate"/> (a JavaScript function returning a boolean) until it is true.
    /// </summary>
    /// <returns>The <see cref="Stopwatch"/> timestamp at which it was first seen true.</returns>
    /// <exception cref="TimeoutException">It was not true within <paramref name="timeout"/>.</exception>
    public static async Task<long> UntilAsync(IPage page, string predicate, TimeSpan timeout, object? argument = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        string? lastError = null;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                if (await page.EvaluateAsync<bool>(predicate, argument))
                {
                    return Stopwatch.GetTimestamp();
                }
            }
            catch (PlaywrightException e)
            {
                // The page is navigating; the next poll runs in the new document.
                lastError = e.Message;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"Not true within {timeout}: {predicate} (url {page.Url}; last error: {lastError ?? "none"})");
    }

    /// <summary>
    /// Waits until the page's first <c>[data-interactive]</c> element (or the first that matches
    /// <paramref name="selector"/>) says it is interactive, rendered by a server process other than
    /// <paramref name="notInstance"/> (the one that went away) when given.
    /// </summary>
    public static Task<long> InteractiveAsync(IPage page, TimeSpan timeout, string? notInstance = null, string selector = "[data-interactive]") => UntilAsync(
        page,
        """
        ([notInstance, selector]) => {
          const e = document.querySelector(selector);
          return !!e && e.dataset.interactive === 'true' && (!notInstance || e.dataset.instance !== notInstance);
        }
        """,
        timeout,
        new object?[] { notInstance, selector });

    /// <summary>Waits until <c>&lt;html&gt;</c> carries <paramref name="className"/> (the kit's <c>ls-*</c> state classes).</summary>
    public static Task<long> HtmlClassAsync(IPage page, string className, TimeSpan timeout) =>
        UntilAsync(page, "c => document.documentElement.classList.contains(c)", timeout, className);

    /// <summary>Polls a condition the test observes outside the page (requests counted, answers seen) until it is true.</summary>
    /// <exception cref="TimeoutException">It was not true within <paramref name="timeout"/>.</exception>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Not true within {timeout}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Waits until the window's scroll position has not changed for <paramref name="frames"/> animation frames in a
    /// row, at most <paramref name="timeout"/> (a page that never stops scrolling is left as it is). A smooth scroll
    /// (Bootstrap's, after a Tab) takes its last steps a frame or two apart: an instant scroll placed during it can
    /// be followed by one more of its steps.
    /// </summary>
    public static Task WhenScrollIsStillAsync(IPage page, int frames, TimeSpan timeout) => page.EvaluateAsync(
        """
        ([frames, timeoutMs]) => new Promise(resolve => {
          const deadline = performance.now() + timeoutMs;
          let last = window.scrollY;
          let still = 0;
          const tick = () => {
            still = window.scrollY === last ? still + 1 : 0;
            last = window.scrollY;
            if (still >= frames || performance.now() > deadline) {
              resolve();
            } else {
              requestAnimationFrame(tick);
            }
          };
          requestAnimationFrame(tick);
        })
        """,
        new object[] { frames, timeout.TotalMilliseconds });

    /// <summary>The id of the server process that rendered the page (its <c>data-instance</c>).</summary>
    public static Task<string?> InstanceAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.querySelector('[data-interactive]')?.dataset.instance ?? null");
}

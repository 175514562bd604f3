using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// Every printable key that reached a script of any document in one tab: a capturing <c>keydown</c> listener on the
/// window, installed in the open document and, by an init script, in every document the tab loads after it (before
/// any of the page's own scripts run, so a key the page's inline scripts or the kit's module never see is still
/// recorded). Each entry goes to the tab's sessionStorage the moment the key arrives: a write there is synchronous
/// and outlives the reload, where a message sent to the harness from a document in its last moments is not sure to
/// arrive.
/// </summary>
internal static class KeydownLog
{
    private const string StorageKey = "livestate-bench-keydowns";

    private static readonly string Script = $$"""
        (() => {
          if (window.__livestateBenchKeydowns) return;
          window.__livestateBenchKeydowns = true;
          window.addEventListener('keydown', e => {
            if (e.key.length !== 1) return;
            const target = e.target;
            try {
              const log = JSON.parse(sessionStorage.getItem('{{StorageKey}}') || '[]');
              log.push({
                key: e.key,
                at: performance.timeOrigin + e.timeStamp,
                document: performance.timeOrigin,
                target: target?.dataset?.testid ?? target?.localName ?? '',
                readyState: document.readyState,
              });
              sessionStorage.setItem('{{StorageKey}}', JSON.stringify(log));
            } catch { }
          }, true);
        })()
        """;

    /// <summary>Starts recording in the page's document and in every document its context loads from now on.</summary>
    public static async Task StartAsync(IPage page)
    {
        await page.Context.AddInitScriptAsync(Script);
        await page.EvaluateAsync(Script);
    }

    /// <summary>The keys recorded so far, in the order the documents received them.</summary>
    public static async Task<IReadOnlyList<SeenKey>> ReadAsync(IPage page)
    {
        var raw = await page.EvaluateAsync<RawSeenKey[]?>($"() => JSON.parse(sessionStorage.getItem('{StorageKey}') || '[]')") ?? [];
        return [.. raw.Select(k => new SeenKey(k.Key, StateTimeline.FromPageClock(k.At), StateTimeline.FromPageClock(k.Document), k.Target, k.ReadyState))];
    }

    private sealed class RawSeenKey
    {
        public string Key { get; set; } = "";

        public double At { get; set; }

        public double Document { get; set; }

        public string Target { get; set; } = "";

        public string ReadyState { get; set; } = "";
    }
}

/// <summary>A key a document's script saw.</summary>
/// <param name="Key">The character.</param>
/// <param name="At">When the browser created the event.</param>
/// <param name="Document">When the document that saw it started its navigation (it tells the documents apart).</param>
/// <param name="Target">The test id of the element it went to, or the element's name (<c>body</c>) when it has none.</param>
/// <param name="ReadyState">The document's <c>readyState</c> then: <c>loading</c> while the browser still parses it.</param>
internal sealed record SeenKey(string Key, DateTimeOffset At, DateTimeOffset Document, string Target, string ReadyState);

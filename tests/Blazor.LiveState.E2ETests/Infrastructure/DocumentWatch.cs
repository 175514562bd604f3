using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Blazor.LiveState.E2ETests.Infrastructure;

/// <summary>
/// Watches a page's own documents: every load of the main frame and its HTTP status, so a test can
/// say "the page never reloaded" or "it never landed on an error page".
/// </summary>
internal sealed class DocumentWatch
{
    private readonly ConcurrentQueue<string> _documents = new();
    private readonly IPage _page;

    private DocumentWatch(IPage page) => _page = page;

    public static DocumentWatch Attach(IPage page)
    {
        var watch = new DocumentWatch(page);
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Frame == page.MainFrame)
            {
                watch._documents.Enqueue($"{response.Status} {response.Url}");
            }
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame && frame.Url.StartsWith("chrome-error:", StringComparison.Ordinal))
            {
                watch._documents.Enqueue($"error-page {frame.Url}");
            }
        };
        return watch;
    }

    /// <summary>Every document the page loaded, as "status url".</summary>
    public IReadOnlyList<string> Documents => [.. _documents];

    /// <summary>Documents that were not a 200 page of the app (error statuses, the browser's error page).</summary>
    public IReadOnlyList<string> Failures => [.. _documents.Where(d => !d.StartsWith("200 ", StringComparison.Ordinal))];

    /// <summary>Marks the current document, so <see cref="IsSameDocumentAsync"/> can tell whether it was reloaded.</summary>
    public Task MarkAsync() => _page.EvaluateAsync("() => { window.__testDocumentMark = true; }");

    public Task<bool> IsSameDocumentAsync() => _page.EvaluateAsync<bool>("() => window.__testDocumentMark === true");
}

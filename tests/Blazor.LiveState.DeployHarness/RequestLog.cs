using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// Records every HTTP request and WebSocket a page opens to one server, with a timestamp, so a test can
/// count what a page sent while the server was down.
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<(long At, string Kind, string Url)> _entries = new();
    private readonly string _origin;

    private RequestLog(string origin) => _origin = origin;

    /// <summary>Starts recording what <paramref name="page"/> sends to <paramref name="server"/>.</summary>
    public static RequestLog Attach(IPage page, Uri server)
    {
        var log = new RequestLog(server.GetLeftPart(UriPartial.Authority));
        page.Request += (_, request) => log.Add("http", request.Url);
        page.WebSocket += (_, socket) => log.Add("websocket", socket.Url);
        return log;
    }

    /// <summary>Requests and WebSockets opened between two <see cref="Stopwatch"/> timestamps.</summary>
    public IReadOnlyList<string> Between(long from, long to) =>
        [.. _entries.Where(e => e.At >= from && e.At <= to).Select(e => $"{e.Kind} {e.Url}")];

    private void Add(string kind, string url)
    {
        // WebSocket URLs use ws:, so compare the host and port only.
        var hostAndPort = _origin[(_origin.IndexOf("//", StringComparison.Ordinal) + 2)..];
        if (url.Contains(hostAndPort, StringComparison.Ordinal))
        {
            _entries.Enqueue((Stopwatch.GetTimestamp(), kind, url));
        }
    }
}

using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Blazor.LiveState.E2ETests.Infrastructure;

/// <summary>
/// Passes Blazor's WebSocket through Playwright so a test can cut it, as a network blip or a proxy
/// timeout would, while the server and its circuit stay alive.
/// </summary>
internal sealed partial class BlazorSocketTap
{
    private readonly ConcurrentStack<IWebSocketRoute> _open = new();

    public static async Task<BlazorSocketTap> AttachAsync(IBrowserContext context)
    {
        var tap = new BlazorSocketTap();
        await context.RouteWebSocketAsync(BlazorHub(), route =>
        {
            route.ConnectToServer();
            tap._open.Push(route);
        });
        return tap;
    }

    /// <summary>How many Blazor WebSockets the page has opened.</summary>
    public int Opened => _open.Count;

    /// <summary>Closes the page's newest Blazor WebSocket as if the network dropped it.</summary>
    public async Task DropAsync()
    {
        if (!_open.TryPeek(out var route))
        {
            throw new InvalidOperationException("The page has no Blazor WebSocket to drop.");
        }

        await route.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "test: network dropped" });
    }

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorHub();
}

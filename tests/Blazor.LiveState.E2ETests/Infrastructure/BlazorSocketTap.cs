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
    private readonly TaskCompletionSource _heldBack = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _holdBack;

    /// <summary>
    /// Routes the context's Blazor WebSockets through the test. With <paramref name="inspectServerMessages"/> every
    /// message from the server passes through <see cref="HoldBackNext"/>'s check before it reaches the page.
    /// </summary>
    public static async Task<BlazorSocketTap> AttachAsync(IBrowserContext context, bool inspectServerMessages = false)
    {
        var tap = new BlazorSocketTap();
        await context.RouteWebSocketAsync(BlazorHub(), route =>
        {
            var server = route.ConnectToServer();
            if (inspectServerMessages)
            {
                server.OnMessage(frame => tap.Forward(route, frame));
            }

            tap._open.Push(route);
        });
        return tap;
    }

    /// <summary>
    /// Keeps the next server message that contains <paramref name="text"/> (a JS interop call's name, say) from the
    /// page, as a connection that drops while the message is on its way would. Needs <c>inspectServerMessages</c>.
    /// </summary>
    public void HoldBackNext(string text) => Volatile.Write(ref _holdBack, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Completes once a message <see cref="HoldBackNext"/> asked for has been held back.</summary>
    public Task UntilHeldBackAsync(TimeSpan timeout) => _heldBack.Task.WaitAsync(timeout);

    private void Forward(IWebSocketRoute page, IWebSocketFrame frame)
    {
        // Blazor's hub protocol is binary (MessagePack), where names are plain UTF-8.
        var content = frame.Binary ?? System.Text.Encoding.UTF8.GetBytes(frame.Text ?? "");
        if (Volatile.Read(ref _holdBack) is { } text && content.AsSpan().IndexOf(text) >= 0 && Interlocked.CompareExchange(ref _holdBack, null, text) == text)
        {
            _heldBack.TrySetResult();
            return;
        }

        if (frame.Binary is { } binary)
        {
            page.Send(binary);
        }
        else
        {
            page.Send(frame.Text ?? "");
        }
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

using System.Diagnostics;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>The first moment, once armed, at which one of the page's WebSockets (its circuit's connection) closed.</summary>
internal sealed class ConnectionLoss
{
    private long _at;
    private volatile bool _armed;

    private ConnectionLoss()
    {
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp of the first close after <see cref="Arm"/>, if any.</summary>
    public long? At => Interlocked.Read(ref _at) is var at and not 0 ? at : null;

    /// <summary>Watches every WebSocket the page opens from now on.</summary>
    public static ConnectionLoss Attach(IPage page)
    {
        var loss = new ConnectionLoss();
        page.WebSocket += (_, socket) => socket.Close += (_, _) =>
        {
            if (loss._armed)
            {
                Interlocked.CompareExchange(ref loss._at, Stopwatch.GetTimestamp(), 0);
            }
        };
        return loss;
    }

    public void Arm() => _armed = true;
}

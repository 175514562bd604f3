using System.Diagnostics;
using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// Counts what a page and its server exchange while it is on: HTTP requests the page sends (the
/// browser's own favicon refresh left out), WebSocket bytes each way, and the server process's CPU time.
/// </summary>
internal sealed class WireCounter
{
    private readonly AppServer _server;
    private bool _on;
    private int _requests;
    private int _messagesSent;
    private long _sent;
    private long _lastFrameAt = Stopwatch.GetTimestamp();
    private long _received;
    private TimeSpan _cpuAtStart;

    private WireCounter(AppServer server) => _server = server;

    public static WireCounter Attach(IPage page, AppServer server)
    {
        var counter = new WireCounter(server);
        page.Request += (_, request) =>
        {
            // Chromium asks for the favicon again after a same-document URL change, with or without Blazor.
            if (counter._on && !request.Url.Contains("favicon", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref counter._requests);
            }
        };
        page.WebSocket += (_, socket) =>
        {
            socket.FrameSent += (_, frame) =>
            {
                if (counter._on)
                {
                    Interlocked.Increment(ref counter._messagesSent);
                }

                counter.Add(ref counter._sent, frame);
            };
            socket.FrameReceived += (_, frame) => counter.Add(ref counter._received, frame);
        };
        return counter;
    }

    /// <summary>Waits until no WebSocket frame has passed for <paramref name="quiet"/> (at most 5 s).</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet)
    {
        var giveUpAt = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastFrameAt)) < quiet && Stopwatch.GetTimestamp() < giveUpAt)
        {
            await Task.Delay(50);
        }
    }

    public void Start()
    {
        _requests = 0;
        _messagesSent = 0;
        _sent = 0;
        _received = 0;
        _cpuAtStart = ServerCpu();
        _on = true;
    }

    public WireCount Stop()
    {
        _on = false;
        return new WireCount(_requests, _messagesSent, _sent, _received, ServerCpu() - _cpuAtStart);
    }

    private TimeSpan ServerCpu() => Process.GetProcessById(_server.Process!.Id).TotalProcessorTime;

    private void Add(ref long total, IWebSocketFrame frame)
    {
        Interlocked.Exchange(ref _lastFrameAt, Stopwatch.GetTimestamp());
        if (_on)
        {
            Interlocked.Add(ref total, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        }
    }
}

/// <summary>What <see cref="WireCounter"/> counted.</summary>
internal sealed record WireCount(int Requests, int MessagesSent, long BytesSent, long BytesReceived, TimeSpan ServerCpu);

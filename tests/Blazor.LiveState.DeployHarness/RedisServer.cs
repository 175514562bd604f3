using System.Diagnostics;
using System.Net.Sockets;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// Debian's <c>redis-server</c> as a plain process on a free loopback port, with no persistence: the
/// scale-out store of multi-instance tests. It can be stopped and started again on the same port, as an
/// outage of the store would.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string, for the app's configuration.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort.Next());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(RedisPath()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"redis-server did not listen on port {Port}.");
    }

    /// <summary>Stops the server at once (its data is gone: nothing is persisted).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Freezes the server (SIGSTOP) with its data: connections open but nothing answers, as a hung or
    /// partitioned store looks to its clients. <see cref="Resume"/> brings it back as it was.
    /// </summary>
    public void Pause() => PosixSignal.Send(_process?.Id ?? throw new InvalidOperationException("Redis is not running."), PosixSignal.SigStop);

    /// <summary>Lets a paused server run again (SIGCONT).</summary>
    public void Resume() => PosixSignal.Send(_process?.Id ?? throw new InvalidOperationException("Redis is not running."), PosixSignal.SigCont);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // A paused process still dies of SIGKILL; resuming first is not needed.
            await StopAsync();
        }
    }

    private static readonly string[] Locations = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private static string RedisPath() =>
        Locations.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("redis-server not found: install Debian's 'redis-server' package (./test.sh does).");
}

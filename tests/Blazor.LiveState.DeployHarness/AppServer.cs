using System.Diagnostics;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// An app at a fixed address whose process can be killed, stopped and replaced, as a single-server
/// deploy does. The Data Protection keys and the data folder outlive the processes, as they would on
/// a real server, so that a new process can read what the old one wrote.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Dictionary<string, string> _environment;

    /// <summary>Creates a server for <paramref name="build"/> on a free port; call <see cref="StartAsync"/> to run it.</summary>
    /// <param name="build">The build to run first.</param>
    /// <param name="stateDirectory">Where keys and data live across processes; a new temporary folder when null.</param>
    /// <param name="environment">Extra environment variables for every process (configuration overrides).</param>
    public AppServer(AppBuild build, string? stateDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        Build = build;
        BaseUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        StateDirectory = stateDirectory ?? Directory.CreateTempSubdirectory("livestate-app-").FullName;
        _environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["Demo__DataProtectionKeysPath"] = Path.Combine(StateDirectory, "keys"),
            ["Demo__DataDirectory"] = Path.Combine(StateDirectory, "data"),
        };
    }

    /// <summary>The address browsers use; it stays the same across restarts.</summary>
    public Uri BaseUri { get; }

    /// <summary>The folder holding keys and data shared by every process of this server.</summary>
    public string StateDirectory { get; }

    /// <summary>The build the next start runs.</summary>
    public AppBuild Build { get; private set; }

    /// <summary>The running process, if any.</summary>
    public AppProcess? Process { get; private set; }

    /// <summary>Output of every process this server ran, oldest first, for failure messages.</summary>
    public IReadOnlyList<string> Output => [.. _pastOutput, .. Process?.Output ?? []];

    private readonly List<string> _pastOutput = [];

    /// <summary>
    /// The path polled to learn that the server answers. A static file, so it costs the same in every
    /// app and renders nothing.
    /// </summary>
    public string AnswerProbePath { get; init; } = "/favicon.png";

    /// <summary>Starts a process and waits until it answers HTTP.</summary>
    /// <returns>The <see cref="Stopwatch"/> timestamp of the first answer.</returns>
    public async Task<long> StartAsync(TimeSpan? timeout = null)
    {
        if (Process is { HasExited: false })
        {
            throw new InvalidOperationException("The server is already running.");
        }

        Process = AppProcess.Start(Build, BaseUri, _environment);
        return await WaitUntilAnsweringAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Takes the running process down the way <paramref name="kind"/> says and starts the next one,
    /// after <paramref name="downtime"/> if given (to hold the outage open) and after <paramref name="whileDown"/>
    /// (what a user does while the server is away).
    /// </summary>
    public async Task<DeployTimeline> DeployAsync(DeployKind kind, AppBuild? nextBuild = null, TimeSpan? downtime = null, Func<Task>? whileDown = null)
    {
        var stopRequested = Stopwatch.GetTimestamp();
        await StopAsync(kind == DeployKind.KillAndRestart);
        var stopped = Stopwatch.GetTimestamp();

        if (kind == DeployKind.NewBuild)
        {
            Build = nextBuild ?? throw new ArgumentNullException(nameof(nextBuild), "A new-build deploy needs the next build.");
        }

        if (downtime is { } wait)
        {
            await Task.Delay(wait);
        }

        if (whileDown is not null)
        {
            await whileDown();
        }

        var launched = Stopwatch.GetTimestamp();
        var answered = await StartAsync();
        return new DeployTimeline(stopRequested, stopped, answered, launched);
    }

    /// <summary>Stops the running process: SIGKILL when <paramref name="kill"/>, else SIGTERM.</summary>
    /// <returns>How long it took to exit.</returns>
    public async Task<TimeSpan> StopAsync(bool kill = false, TimeSpan? timeout = null)
    {
        if (Process is null)
        {
            return TimeSpan.Zero;
        }

        var started = Stopwatch.GetTimestamp();
        if (kill)
        {
            await Process.KillAsync();
        }
        else
        {
            await Process.TerminateAsync(timeout ?? TimeSpan.FromSeconds(60));
        }

        _pastOutput.AddRange(Process.Output);
        _pastOutput.Add($"---- process {Process.Id} exited ----");
        await Process.DisposeAsync();
        Process = null;
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Polls until any HTTP answer comes back; a refused connection or a timeout means "not yet".</summary>
    public async Task<long> WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var probe = new Uri(BaseUri, AnswerProbePath);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (Process is { HasExited: true })
            {
                throw new InvalidOperationException($"{Build.Name} exited while starting:\n{string.Join('\n', Process.Output)}");
            }

            try
            {
                using var response = await Http.GetAsync(probe, HttpCompletionOption.ResponseHeadersRead);
                return Stopwatch.GetTimestamp();
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            // Polling at 10 ms keeps the measurement error well under the times being measured.
            await Task.Delay(10);
        }

        throw new TimeoutException($"{Build.Name} did not answer at {probe} within {timeout}:\n{string.Join('\n', Output)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
            Process = null;
        }

        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}

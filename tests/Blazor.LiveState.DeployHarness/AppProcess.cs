using System.Collections.Concurrent;
using System.Diagnostics;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// One running process of an app (<c>dotnet App.dll --urls …</c>), with its output kept for
/// assertions and for the failure message of a test.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, AppBuild build)
    {
        _process = process;
        Build = build;
    }

    /// <summary>The build this process runs.</summary>
    public AppBuild Build { get; }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far, line by line.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts <paramref name="build"/> listening on <paramref name="baseUri"/>.</summary>
    public static AppProcess Start(AppBuild build, Uri baseUri, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = build.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(build.Directory, build.AssemblyFileName));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.GetLeftPart(UriPartial.Authority));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Console logs are how tests see what the server said about bad input and shutdown.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__LogLevel__Blazor.LiveState"] = "Debug";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, build);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Kills the process at once with SIGKILL (<c>kill -9</c>): a crash, nothing runs on the way out.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            PosixSignal.Send(_process.Id, PosixSignal.SigKill);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Sends SIGTERM, as an orchestrator does on a deploy, and waits for the process to exit.
    /// </summary>
    /// <returns>How long the process took to exit.</returns>
    /// <exception cref="TimeoutException">The process did not exit within <paramref name="timeout"/> (it is then killed).</exception>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        if (!_process.HasExited)
        {
            PosixSignal.Send(_process.Id, PosixSignal.SigTerm);
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"{Build.Name} did not exit within {timeout} of SIGTERM.");
        }

        return Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}

using System.Diagnostics;

namespace Blazor.LiveState.DeployHarness;

/// <summary>Runs a command line tool to its end (dotnet publish, a script) and fails loudly when it does.</summary>
public static class ExternalCommand
{
    /// <summary>Runs <paramref name="command"/> with <paramref name="args"/>; returns what it printed.</summary>
    /// <param name="command">The program.</param>
    /// <param name="args">Its arguments, passed as they are (no shell quoting).</param>
    /// <param name="workingDirectory">Where it runs; the current directory when null.</param>
    /// <param name="environment">Variables added to the inherited environment.</param>
    /// <param name="timeout">How long it may take: five minutes when null.</param>
    /// <exception cref="TimeoutException">It ran longer (and was killed).</exception>
    /// <exception cref="InvalidOperationException">It exited with a code other than 0.</exception>
    public static string Run(
        string command,
        IEnumerable<string> args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var commandLine = $"{command} {string.Join(' ', start.ArgumentList)}";
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish in {limit}.");
        }

        // The exit came first; this waits for the last of the output.
        process.WaitForExit();
        var printed = $"{stdout.Result}{stderr.Result}";
        return process.ExitCode == 0
            ? printed
            : throw new InvalidOperationException($"{commandLine} failed with exit code {process.ExitCode}{(workingDirectory is null ? "" : $" in {workingDirectory}")}:\n{printed}");
    }
}

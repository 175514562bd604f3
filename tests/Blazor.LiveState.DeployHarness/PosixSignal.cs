using System.Runtime.InteropServices;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// Sends a real POSIX signal to a process. .NET can only SIGKILL another process by itself; a
/// deploy needs SIGTERM, exactly what systemd, Kubernetes and container runtimes send.
/// </summary>
internal static partial class PosixSignal
{
    public const int SigTerm = 15;
    public const int SigKill = 9;
    public const int SigStop = 19;
    public const int SigCont = 18;

    public static void Send(int processId, int signal)
    {
        if (Kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}

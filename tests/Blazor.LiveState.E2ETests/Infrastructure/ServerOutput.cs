using Blazor.LiveState.DeployHarness;
using Xunit.Abstractions;

namespace Blazor.LiveState.E2ETests.Infrastructure;

internal static class ServerOutput
{
    /// <summary>Writes what the server logged to the test output, so a failure shows the server's side.</summary>
    public static void WriteTo(ITestOutputHelper output, AppServer server, int lastLines = 60)
    {
        foreach (var line in server.Output.TakeLast(lastLines))
        {
            output.WriteLine($"[server] {line}");
        }
    }
}

using System.Diagnostics;
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

    /// <summary>Waits until any process of <paramref name="server"/> has logged <paramref name="text"/>.</summary>
    public static async Task WaitForLogAsync(AppServer server, string text, ITestOutputHelper output)
    {
        var deadline = Stopwatch.GetTimestamp() + (15 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (server.Output.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(50);
        }

        WriteTo(output, server);
        Assert.Fail($"The server never logged '{text}'.");
    }
}

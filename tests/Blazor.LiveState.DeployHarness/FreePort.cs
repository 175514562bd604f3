using System.Net;
using System.Net.Sockets;

namespace Blazor.LiveState.DeployHarness;

/// <summary>Finds a loopback TCP port that nothing listens on right now.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

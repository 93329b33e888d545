using System.Net;
using System.Net.Sockets;

namespace WebhookSignatures.Testing.Servers;

/// <summary>Loopback ports nothing listens on.</summary>
public static class FreePort
{
    /// <summary>A loopback port nothing listens on (the system just handed it out and took it back).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WebhookSignatures.Tests.Sending.Guard;

/// <summary>
/// The guard's connect step in tests: connects for real, but only to 127.0.0.0/8 and ::1. Asked for any other address
/// it records the address, opens nothing and throws, so a broken guard can never send traffic off this machine, and
/// a test asserting <see cref="Strays"/> is empty notices that it tried.
/// </summary>
internal sealed class LoopbackOnlyConnector
{
    /// <summary>Every set of addresses the guard asked to connect to, in order.</summary>
    public ConcurrentQueue<IPAddress[]> Calls { get; } = new();

    /// <summary>Every address outside loopback the guard asked to connect to; a correct guard never does.</summary>
    public ConcurrentQueue<IPAddress> Strays { get; } = new();

    public async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        Calls.Enqueue(addresses);
        var strays = addresses.Where(a => !IsLoopback(a)).ToList();
        if (strays.Count > 0)
        {
            foreach (var stray in strays)
            {
                Strays.Enqueue(stray);
            }

            throw new InvalidOperationException($"TEST FAILURE: the guard let a connection to {string.Join(", ", strays)} through; nothing was opened.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Deliberately narrow: not IPAddress.IsLoopback, so no IPv4-mapped or other form can pass for loopback here.
    private static bool IsLoopback(IPAddress address) =>
        (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 127)
        || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.Equals(IPAddress.IPv6Loopback));
}

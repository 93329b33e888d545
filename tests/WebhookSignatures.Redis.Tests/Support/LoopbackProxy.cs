using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WebhookSignatures.Redis.Tests.Support;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a test's own Redis. <see cref="DropClients"/> cuts the client's side of every
/// connection while the server's side stays open: the client reconnects on a new socket, and whatever it had sent is
/// still in the old one, for a paused Redis to run when it wakes.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _clients = [];
    private readonly List<TcpClient> _servers = [];
    private readonly Task _accepting;

    private LoopbackProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary><c>127.0.0.1:port</c> of the proxy, a StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";

    public static LoopbackProxy To(int targetPort) => new(targetPort);

    /// <summary>Closes every client's side; the server's sides stay open until the proxy is disposed.</summary>
    public void DropClients()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Client.Close();
            }

            _clients.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        DropClients();
        lock (_clients)
        {
            foreach (var server in _servers)
            {
                server.Dispose();
            }
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                    _servers.Add(server);
                }

                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stopping.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // One side went away: this direction ends with it.
        }
    }
}

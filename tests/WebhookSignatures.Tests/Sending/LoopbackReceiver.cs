using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebhookSignatures.Tests.Sending;

/// <summary>One request as it arrived at a <see cref="LoopbackReceiver"/>.</summary>
internal sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A minimal HTTP/1.1 receiver on 127.0.0.1 (a port of its own, standing in for a host) that records every
/// connection and request and answers each with one fixed response, then closes the connection.
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _response;
    private readonly Task _accepting;
    private int _connections;

    private LoopbackReceiver(string response)
    {
        _response = Encoding.ASCII.GetBytes(response);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The receiver's URL: <c>http://127.0.0.1:&lt;port&gt;/hooks/in</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hooks/in");

    /// <summary>How many TCP connections were accepted, whether or not a request arrived on them.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every request, recorded before it is answered.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>A receiver that answers 200 OK.</summary>
    public static LoopbackReceiver Accepting() => new("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");

    /// <summary>
    /// A receiver that answers every request with exactly <paramref name="response"/> (status line, headers and as
    /// much of a body as it holds, whatever they declare), then closes the connection.
    /// </summary>
    public static LoopbackReceiver Answering(string response) => new(response);

    /// <summary>A receiver that answers every request with a redirect to <paramref name="location"/>.</summary>
    public static LoopbackReceiver Redirecting(HttpStatusCode status, Uri location) =>
        new(string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)status} Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop one way or another.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new MemoryStream();
                var chunk = new byte[4096];
                int headEnd;
                while ((headEnd = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(EndOfHead)) < 0)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    buffer.Write(chunk, 0, read);
                }

                var head = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, headEnd).Split("\r\n");
                var requestLine = head[0].Split(' ');
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in head.Skip(1))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }

                var length = headers.TryGetValue("Content-Length", out var declared) ? int.Parse(declared, CultureInfo.InvariantCulture) : 0;
                var bodyStart = headEnd + EndOfHead.Length;
                while (buffer.Length < bodyStart + length)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    buffer.Write(chunk, 0, read);
                }

                var body = buffer.GetBuffer().AsSpan(bodyStart, (int)Math.Min(length, buffer.Length - bodyStart)).ToArray();
                Received.Enqueue(new ReceivedRequest(requestLine[0], requestLine[1], headers, body));
                await stream.WriteAsync(_response, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client went away; what arrived is already recorded.
            }
        }
    }
}

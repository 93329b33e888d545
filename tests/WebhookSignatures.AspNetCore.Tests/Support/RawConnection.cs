using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>
/// HTTP/1.1 written byte by byte over a TCP socket to 127.0.0.1, for framing no well-behaved client would send.
/// Every read is bounded by a timeout so a server that never answers fails the test instead of hanging it.
/// </summary>
public sealed class RawConnection : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    private readonly Socket _socket;
    private readonly List<byte> _received = [];

    private RawConnection(Socket socket) => _socket = socket;

    public static async Task<RawConnection> OpenAsync(TestApp app)
    {
        var address = app.Client.BaseAddress!;
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(address.Host, address.Port);
        return new RawConnection(socket);
    }

    /// <summary>A request head with the given header lines (each without its line end).</summary>
    public static byte[] Head(string method, string path, params string[] headers)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    public async Task SendAsync(params byte[][] parts)
    {
        foreach (var part in parts)
        {
            await _socket.SendAsync(part, SocketFlags.None);
        }
    }

    /// <summary>Reads one response head and returns its status, or <see langword="null"/> when the server closed or reset without one.</summary>
    public async Task<int?> ReadStatusAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var buffer = new byte[64 * 1024];
        while (HeadEnd() < 0)
        {
            int read;
            try
            {
                read = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString(_received.ToArray(), 0, HeadEnd());
        _received.RemoveRange(0, HeadEnd() + 4);
        return int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Closes the sending side only (a FIN), as a sender that gives up on the body but still reads the answer.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Drops the connection with a reset, as a crashed sender or a cut network does.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public void Dispose() => _socket.Dispose();

    private int HeadEnd()
    {
        for (var i = 0; i + 3 < _received.Count; i++)
        {
            if (_received[i] == '\r' && _received[i + 1] == '\n' && _received[i + 2] == '\r' && _received[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}

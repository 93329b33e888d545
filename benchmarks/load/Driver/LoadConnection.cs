using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace WebhookSignatures.LoadDriver;

/// <summary>
/// One keep-alive HTTP/1.1 connection that posts pre-signed deliveries one at a time, as wrk does: the request is
/// one buffer (headers and body) in which only the signature and the delivery number change, sent in one write; the
/// answer is read up to its end (Content-Length or chunked) and only its status is kept.
/// </summary>
public sealed class LoadConnection : IDisposable
{
    private readonly Uri _target;
    private readonly SignedDeliveries _deliveries;
    private readonly byte[] _request;
    private readonly int _signatureOffset;
    private readonly int _numberOffset;
    private readonly byte[] _answer = new byte[64 * 1024];
    private Socket? _socket;
    private int _start;
    private int _end;

    public LoadConnection(Uri target, SignedDeliveries deliveries)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(deliveries);
        _target = target;
        _deliveries = deliveries;
        var head = Encoding.ASCII.GetBytes(
            $"POST {target.PathAndQuery} HTTP/1.1\r\nHost: {target.Authority}\r\nContent-Type: application/json\r\n" +
            $"X-Snyk-Event: project_snapshot/v0\r\nContent-Length: {SignedDeliveries.BodyLength}\r\nX-Hub-Signature: ");
        _signatureOffset = head.Length;
        _request = [.. head, .. new byte[SignedDeliveries.SignatureLength], .. "\r\n\r\n"u8, .. deliveries.Template];
        _numberOffset = _request.Length - SignedDeliveries.BodyLength + SignedDeliveries.NumberOffset;
    }

    /// <summary>How often the server closed the connection and it was opened again.</summary>
    public int Reconnects { get; private set; }

    public async Task OpenAsync()
    {
        _socket?.Dispose();
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _socket.ConnectAsync(_target.Host, _target.Port).ConfigureAwait(false);
        _start = _end = 0;
    }

    /// <summary>Posts delivery <paramref name="index"/> and returns the answer's status.</summary>
    public ValueTask<int> PostAsync(long index)
    {
        _deliveries.WriteSignature(index, _request.AsSpan(_signatureOffset, SignedDeliveries.SignatureLength));
        _deliveries.WriteBody(index, _request.AsSpan(_numberOffset, SignedDeliveries.NumberLength));
        return ExchangeAsync();
    }

    /// <summary>Posts delivery <paramref name="index"/>'s body under a signature of zeros, which must be refused.</summary>
    public ValueTask<int> PostForgedAsync(long index)
    {
        _deliveries.WriteBody(index, _request.AsSpan(_numberOffset, SignedDeliveries.NumberLength));
        var slot = _request.AsSpan(_signatureOffset, SignedDeliveries.SignatureLength);
        "sha256="u8.CopyTo(slot);
        slot[7..].Fill((byte)'0');
        return ExchangeAsync();
    }

    private async ValueTask<int> ExchangeAsync()
    {
        if (_socket is null)
        {
            await OpenAsync().ConfigureAwait(false);
        }

        await _socket!.SendAsync(_request, SocketFlags.None).ConfigureAwait(false);
        var (status, close) = await ReadAnswerAsync().ConfigureAwait(false);
        if (close)
        {
            Reconnects++;
            await OpenAsync().ConfigureAwait(false);
        }

        return status;
    }

    private async ValueTask<(int Status, bool Close)> ReadAnswerAsync()
    {
        int headEnd;
        while ((headEnd = _answer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            await FillAsync().ConfigureAwait(false);
        }

        ReadOnlySpan<byte> head = _answer.AsSpan(_start, headEnd);
        var status = ((head[9] - '0') * 100) + ((head[10] - '0') * 10) + (head[11] - '0');
        var contentLength = 0;
        var chunked = false;
        var close = false;
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out _))
                {
                    throw new IOException("The server sent a Content-Length that is not a number.");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8);
            }
        }

        _start += headEnd + 4;
        if (chunked)
        {
            await SkipChunksAsync().ConfigureAwait(false);
        }
        else
        {
            await SkipAsync(contentLength).ConfigureAwait(false);
        }

        return (status, close);
    }

    private async ValueTask SkipChunksAsync()
    {
        while (true)
        {
            int lineEnd;
            while ((lineEnd = _answer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
            {
                await FillAsync().ConfigureAwait(false);
            }

            var sizeText = Encoding.ASCII.GetString(_answer, _start, lineEnd).Split(';')[0].Trim();
            var size = int.Parse(sizeText, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            _start += lineEnd + 2;
            await SkipAsync(size + 2).ConfigureAwait(false); // the data and its CRLF; the last chunk has no trailers here
            if (size == 0)
            {
                return;
            }
        }
    }

    private async ValueTask SkipAsync(int count)
    {
        while (count > 0)
        {
            if (_end == _start)
            {
                await FillAsync().ConfigureAwait(false);
            }

            var skipped = Math.Min(count, _end - _start);
            _start += skipped;
            count -= skipped;
        }
    }

    private async ValueTask FillAsync()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _answer.Length)
        {
            Array.Copy(_answer, _start, _answer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await _socket!.ReceiveAsync(_answer.AsMemory(_end), SocketFlags.None).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("The server closed the connection in the middle of an answer.");
        }

        _end += read;
    }

    public void Dispose() => _socket?.Dispose();
}

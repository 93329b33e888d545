using System.Buffers;

namespace WebhookSignatures;

/// <summary>
/// A delivery's body in one pooled buffer, for the bodies that arrive in pieces: a stream, or a
/// <see cref="ReadOnlySequence{T}"/> of several segments. Verify its <see cref="Span"/>, then dispose it: the buffer is
/// cleared and returned to the pool.
/// </summary>
/// <remarks>The buffer grows with the bytes that arrived, never with a length a sender declared, and never past the limit given.</remarks>
public sealed class WebhookBody : IDisposable
{
    private const int FirstBufferSize = 4096;

    private byte[]? _buffer;
    private readonly int _length;

    private WebhookBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The body's bytes, valid until the body is disposed.</summary>
    /// <exception cref="ObjectDisposedException">The body was disposed.</exception>
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, _length);

    /// <summary>The body's bytes, valid until the body is disposed.</summary>
    /// <exception cref="ObjectDisposedException">The body was disposed.</exception>
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, _length);

    /// <summary>The number of bytes.</summary>
    public int Length => _length;

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(WebhookBody));

    /// <summary>
    /// Reads <paramref name="stream"/> to its end into a pooled buffer. Returns <see langword="null"/>, having read no more
    /// than <paramref name="maxLength"/> + 1 bytes, when the stream holds more than <paramref name="maxLength"/>: an
    /// oversized body is the sender's doing, not an error.
    /// </summary>
    /// <param name="stream">The body stream.</param>
    /// <param name="maxLength">The most bytes accepted.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is negative or above <see cref="Array.MaxLength"/>.</exception>
    public static async ValueTask<WebhookBody?> ReadAsync(Stream stream, int maxLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, Array.MaxLength - 1);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(FirstBufferSize, maxLength + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxLength + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Return(buffer, length);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, maxLength + 1) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    var body = new WebhookBody(buffer, length);
                    buffer = null;
                    return body;
                }

                length += read;
                if (length > maxLength)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                Return(buffer, length);
            }
        }
    }

    /// <summary>Copies a body held in several buffers into one pooled buffer.</summary>
    /// <param name="body">The body.</param>
    /// <exception cref="ArgumentOutOfRangeException">The body is longer than an array can be.</exception>
    public static WebhookBody From(in ReadOnlySequence<byte> body)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body.Length, Array.MaxLength);
        var length = (int)body.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        body.CopyTo(buffer);
        return new WebhookBody(buffer, length);
    }

    /// <summary>Clears the buffer and returns it to the pool; the body's bytes are gone.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            Return(buffer, _length);
        }
    }

    // A body may carry what its sender wanted kept private: it never goes back to the pool readable.
    private static void Return(byte[] buffer, int length)
    {
        buffer.AsSpan(0, length).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }
}

using System.Buffers;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A request body read once into one pooled array, never beyond the registration's limit. Disposing it
/// returns the array to the pool.
/// </summary>
internal sealed class WebhookBodyBuffer : IDisposable
{
    private const int InitialSize = 16 * 1024;

    private readonly ArrayPool<byte> _pool;
    private readonly int _length;
    private byte[]? _buffer;

    private WebhookBodyBuffer(ArrayPool<byte> pool, byte[] buffer, int length)
    {
        _pool = pool;
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlyMemory<byte> Memory => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, _length);

    /// <summary>A read-only stream over the buffered bytes, for whatever reads the body after verification.</summary>
    public Stream CreateStream() => _buffer is null ? Stream.Null : new MemoryStream(_buffer, 0, _length, writable: false);

    /// <summary>
    /// Reads <paramref name="body"/> to its end into arrays from the shared pool; <see langword="null"/> when it holds
    /// more than <paramref name="maxSize"/> bytes.
    /// </summary>
    public static Task<WebhookBodyBuffer?> ReadAsync(Stream body, long? contentLength, long maxSize, CancellationToken cancellationToken) =>
        ReadAsync(body, contentLength, maxSize, ArrayPool<byte>.Shared, cancellationToken);

    /// <summary>
    /// Reads <paramref name="body"/> to its end; <see langword="null"/> when it holds more than <paramref name="maxSize"/> bytes.
    /// Arrays come from <paramref name="pool"/> and go back to it on dispose, on refusal and when reading fails.
    /// </summary>
    public static async Task<WebhookBodyBuffer?> ReadAsync(Stream body, long? contentLength, long maxSize, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        // Room for one byte beyond the limit is enough to know that a streamed body crossed it.
        var limit = (int)Math.Min(maxSize + 1, Array.MaxLength);
        var buffer = pool.Rent(contentLength is { } declared ? (int)Math.Clamp(declared, 1, limit) : Math.Min(InitialSize, limit));
        var length = 0;
        var handedOn = false;
        try
        {
            while (length < limit && (contentLength is null || length < contentLength))
            {
                var capacity = Math.Min(buffer.Length, limit);
                if (length == capacity)
                {
                    var larger = pool.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                    capacity = Math.Min(buffer.Length, limit);
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, capacity - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > maxSize)
            {
                return null;
            }

            handedOn = true;
            return new WebhookBodyBuffer(pool, buffer, length);
        }
        finally
        {
            if (!handedOn)
            {
                pool.Return(buffer);
            }
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            _pool.Return(buffer);
        }
    }
}

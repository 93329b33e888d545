using System.Buffers;
using System.IO.Pipelines;

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
    public static async Task<WebhookBodyBuffer?> ReadAsync(Stream body, long? contentLength, long maxSize, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            return await ReadAsync(reader, contentLength, maxSize, ArrayPool<byte>.Shared, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads <paramref name="body"/> to its end; <see langword="null"/> when it holds more than <paramref name="maxSize"/> bytes.
    /// Arrays come from <paramref name="pool"/> and go back to it on dispose, on refusal and when reading fails.
    /// </summary>
    /// <exception cref="OperationCanceledException">The read was cancelled, by the token or by <see cref="PipeReader.CancelPendingRead"/>.</exception>
    public static async Task<WebhookBodyBuffer?> ReadAsync(PipeReader body, long? contentLength, long maxSize, ArrayPool<byte> pool, CancellationToken cancellationToken)
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
                var result = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
                var data = result.Buffer;
                if (result.IsCanceled)
                {
                    // Every read is followed by AdvanceTo, so the server's reader is never left mid-read.
                    body.AdvanceTo(data.Start);
                    throw new OperationCanceledException("Reading the webhook body was cancelled.");
                }

                var take = (int)Math.Min(data.Length, limit - length);
                if (length + take > buffer.Length)
                {
                    var larger = pool.Rent((int)Math.Min(Math.Max((long)buffer.Length * 2, length + take), limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }

                data.Slice(0, take).CopyTo(buffer.AsSpan(length));
                length += take;
                body.AdvanceTo(data.GetPosition(take));
                if (result.IsCompleted)
                {
                    break;
                }
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

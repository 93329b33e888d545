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
    /// Reads <paramref name="body"/> to its end, for servers whose request body is a stream and not a pipe (a pipe
    /// there would be one more copy over the same stream); <see langword="null"/> when it holds more than
    /// <paramref name="maxSize"/> bytes. Arrays come from <paramref name="pool"/> and go back to it on dispose, on
    /// refusal and when reading fails.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="contentLength">The declared length, if any.</param>
    /// <param name="maxSize">The most bytes accepted.</param>
    /// <param name="pool">Where the arrays come from.</param>
    /// <param name="timeout">How long the whole read may take, from this call; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="time">The clock for <paramref name="timeout"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="TimeoutException">The body did not arrive within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled by <paramref name="cancellationToken"/>.</exception>
    public static async Task<WebhookBodyBuffer?> ReadAsync(
        Stream body, long? contentLength, long maxSize, ArrayPool<byte> pool, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var limit = ReadLimit(maxSize);
        var buffer = RentFirst(pool, contentLength, limit);
        var length = 0;
        var handedOn = false;

        // A stream read can only be cancelled through the token it was given, so every read gets this source's
        // token; its timer is armed only when a read has to wait, so a body that has already arrived costs none.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ITimer? timer = null;
        try
        {
            while (length < limit && (contentLength is null || length < contentLength))
            {
                if (length == buffer.Length)
                {
                    var larger = pool.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }

                var reading = body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), deadline.Token);
                if (!reading.IsCompleted && timer is null && timeout != Timeout.InfiniteTimeSpan)
                {
                    var remaining = timeout - time.GetElapsedTime(started);
                    timer = time.CreateTimer(
                        static source => ((CancellationTokenSource)source!).Cancel(), deadline, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                }

                int read;
                try
                {
                    read = await reading.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException("The webhook body did not arrive in time.");
                }

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
            if (timer is not null)
            {
                await timer.DisposeAsync().ConfigureAwait(false);
            }

            if (!handedOn)
            {
                pool.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Reads <paramref name="body"/> to its end; <see langword="null"/> when it holds more than <paramref name="maxSize"/> bytes.
    /// Arrays come from <paramref name="pool"/> and go back to it on dispose, on refusal and when reading fails.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="contentLength">The declared length, if any.</param>
    /// <param name="maxSize">The most bytes accepted.</param>
    /// <param name="pool">Where the arrays come from.</param>
    /// <param name="timeout">How long the whole read may take, from this call; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="time">The clock for <paramref name="timeout"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="TimeoutException">The body did not arrive within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled, by the token or by <see cref="PipeReader.CancelPendingRead"/>.</exception>
    public static async Task<WebhookBodyBuffer?> ReadAsync(
        PipeReader body, long? contentLength, long maxSize, ArrayPool<byte> pool, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var limit = ReadLimit(maxSize);
        var buffer = RentFirst(pool, contentLength, limit);
        var length = 0;
        var handedOn = false;

        // The deadline's timer is armed only when a read has to wait: a body that has already arrived, the
        // usual case for a webhook, costs no timer at all.
        CancellationTokenSource? deadline = null;
        var cancelRead = default(CancellationTokenRegistration);
        try
        {
            while (length < limit && (contentLength is null || length < contentLength))
            {
                var reading = body.ReadAsync(cancellationToken);
                if (!reading.IsCompleted && deadline is null && timeout != Timeout.InfiniteTimeSpan)
                {
                    // A deadline already passed makes a cancelled source, whose registration below runs at once.
                    var remaining = timeout - time.GetElapsedTime(started);
                    deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);

                    // A cancelled token would leave Kestrel's body reader mid-read (dotnet/aspnetcore#17840), so the
                    // deadline cancels the pending read instead; when the connection goes, the server ends the read itself.
                    cancelRead = deadline.Token.UnsafeRegister(static reader => ((PipeReader)reader!).CancelPendingRead(), body);
                }

                var result = await reading.ConfigureAwait(false);
                var data = result.Buffer;
                if (result.IsCanceled)
                {
                    // Every read is followed by AdvanceTo, so the server's reader is never left mid-read.
                    body.AdvanceTo(data.Start);
                    if (deadline is { IsCancellationRequested: true })
                    {
                        throw new TimeoutException("The webhook body did not arrive in time.");
                    }

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
            await cancelRead.DisposeAsync().ConfigureAwait(false);
            deadline?.Dispose();
            if (!handedOn)
            {
                pool.Return(buffer);
            }
        }
    }

    // Room for one byte beyond the limit is enough to know that a streamed body crossed it.
    private static int ReadLimit(long maxSize) => (int)Math.Min(maxSize + 1, Array.MaxLength);

    // A declared length sizes the first array exactly; a streamed body starts small and doubles.
    private static byte[] RentFirst(ArrayPool<byte> pool, long? contentLength, int limit) =>
        pool.Rent(contentLength is { } declared ? (int)Math.Clamp(declared, 1, limit) : Math.Min(InitialSize, limit));

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            _pool.Return(buffer);
        }
    }
}

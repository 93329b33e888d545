using System.Buffers;
using System.IO.Pipelines;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A request body read once into one pooled array, never beyond the registration's limit, and owned by the request:
/// disposing it (when the request ends) clears the bytes, returns the array to the pool and makes every
/// <see cref="Memory"/> handed out from it throw <see cref="ObjectDisposedException"/>, so a handler that kept the
/// body never sees another request's bytes in it.
/// </summary>
internal sealed class WebhookBodyBuffer : MemoryManager<byte>
{
    // The first array: small whatever the sender declares, so headers alone never make the server allocate much.
    internal const int InitialSize = 16 * 1024;

    private readonly ArrayPool<byte> _pool;
    private readonly int _length;
    private byte[]? _buffer;

    private WebhookBodyBuffer(ArrayPool<byte> pool, byte[] buffer, int length)
    {
        _pool = pool;
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The body's bytes; reading them after the request ended throws <see cref="ObjectDisposedException"/>.</summary>
    public override Memory<byte> Memory => CreateMemory(_length);

    /// <summary>How many bytes the body holds.</summary>
    public int Length => _length;

    /// <summary>A read-only stream over the body, for whatever reads it after verification; it too fails once the request ended.</summary>
    public Stream CreateStream() => new WebhookBodyStream(this);

    /// <inheritdoc />
    public override Span<byte> GetSpan() => Live().AsSpan(0, _length);

    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0) => Live().AsMemory(elementIndex, _length - elementIndex).Pin();

    /// <inheritdoc />
    public override void Unpin()
    {
        // Each handle from Pin releases its own pin.
    }

    /// <inheritdoc />
    protected override bool TryGetArray(out ArraySegment<byte> segment)
    {
        // While the request runs the array may go to APIs that take arrays; afterwards there is none to give.
        if (Volatile.Read(ref _buffer) is { } buffer)
        {
            segment = new ArraySegment<byte>(buffer, 0, _length);
            return true;
        }

        segment = default;
        return false;
    }

    /// <summary>Clears the bytes and returns the array to the pool; the body is unreadable afterwards.</summary>
    public void Dispose() => ((IDisposable)this).Dispose();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            Return(_pool, buffer, _length);
        }
    }

    private byte[] Live() => Volatile.Read(ref _buffer) ?? throw new ObjectDisposedException(
        nameof(WebhookBodyBuffer), "The verified webhook body belongs to its request, which has ended. Copy it (Body.ToArray()) to keep it.");

    // Cleared before it goes back, so no later renter (or a handler that kept a span) reads this body's bytes.
    private static void Return(ArrayPool<byte> pool, byte[] buffer, int written)
    {
        buffer.AsSpan(0, Math.Min(written, buffer.Length)).Clear();
        pool.Return(buffer);
    }

    /// <summary>A read-only, seekable stream over a body buffer that fails once the buffer is disposed.</summary>
    private sealed class WebhookBodyStream(WebhookBodyBuffer owner) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => owner._length;

        public override long Position
        {
            get => _position;
            set => _position = (int)Math.Clamp(value, 0, owner._length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var available = owner.GetSpan()[_position..];
            var count = Math.Min(available.Length, buffer.Length);
            available[..count].CopyTo(buffer);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => owner._length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

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
                    var larger = pool.Rent(NextSize(buffer.Length, length + 1, contentLength, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Return(pool, buffer, length);
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
                Return(pool, buffer, length);
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
                    var larger = pool.Rent(NextSize(buffer.Length, length + take, contentLength, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Return(pool, buffer, length);
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
                Return(pool, buffer, length);
            }
        }
    }

    // Room for one byte beyond the limit is enough to know that a streamed body crossed it.
    private static int ReadLimit(long maxSize) => (int)Math.Min(maxSize + 1, Array.MaxLength);

    // The first array is small whatever the sender declares (a declared length only makes it smaller): it grows
    // with bytes that arrived, never with a header's promise.
    private static byte[] RentFirst(ArrayPool<byte> pool, long? contentLength, int limit) =>
        pool.Rent(contentLength is { } declared ? (int)Math.Clamp(declared, 1, Math.Min(InitialSize, limit)) : Math.Min(InitialSize, limit));

    // Doubles, but never past the limit, nor past a declared length the bytes have not yet exceeded.
    private static int NextSize(int current, int needed, long? contentLength, int limit)
    {
        var next = Math.Max((long)current * 2, needed);
        if (contentLength is { } declared && declared >= needed)
        {
            next = Math.Min(next, declared);
        }

        return (int)Math.Min(next, limit);
    }
}

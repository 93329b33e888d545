using System.Buffers;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A request body read once into one pooled array (by <see cref="WebhookBodyReader"/>) and owned by the request:
/// disposing it (when the request ends) clears the bytes, returns the array to the pool and makes every
/// <see cref="Memory"/> handed out from it throw <see cref="ObjectDisposedException"/>, so a handler that kept the
/// body never sees another request's bytes in it.
/// </summary>
internal sealed class WebhookBodyBuffer : MemoryManager<byte>
{
    private readonly ArrayPool<byte> _pool;
    private readonly int _length;
    private byte[]? _buffer;

    internal WebhookBodyBuffer(ArrayPool<byte> pool, byte[] buffer, int length)
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

    /// <summary>Clears the bytes and returns the array to the pool; the body is unreadable afterwards.</summary>
    public void Dispose() => ((IDisposable)this).Dispose();

    /// <summary>Gives an array back to <paramref name="pool"/>, its first <paramref name="written"/> bytes cleared first.</summary>
    /// <remarks>
    /// Every array of a body goes back this way, whether it held the whole body, was outgrown, or was abandoned when
    /// reading failed: no later renter (nor a handler that kept a span) reads this body's bytes.
    /// </remarks>
    internal static void Return(ArrayPool<byte> pool, byte[] buffer, int written)
    {
        buffer.AsSpan(0, Math.Min(written, buffer.Length)).Clear();
        pool.Return(buffer);
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
}

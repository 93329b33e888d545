namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// Wraps a request body and keeps a copy of the bytes the verifier reads, up to a limit, so <c>listen</c> can show,
/// save and resend exactly what arrived without reading the body a second time. Past the limit the copy stops and
/// says so: what a sender can make the tool keep is bounded by the receiver's own body limit.
/// </summary>
internal sealed class BodyCapture(Stream inner, int limit) : Stream
{
    private readonly MemoryStream _copy = new();

    /// <summary>Whether bytes were read past the limit and are not in <see cref="ToArray"/>.</summary>
    public bool Overflowed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The bytes read so far, up to the limit.</summary>
    public byte[] ToArray() => _copy.ToArray();

    public override int Read(byte[] buffer, int offset, int count) => Keep(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Keep(buffer[..inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Keep(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _copy.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Keep(ReadOnlySpan<byte> read)
    {
        var room = (int)Math.Max(0, limit - _copy.Length);
        _copy.Write(read[..Math.Min(room, read.Length)]);
        Overflowed |= read.Length > room;
        return read.Length;
    }
}

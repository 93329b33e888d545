using System.Buffers;
using System.Text;

namespace WebhookSignatures.Schemes.RequestSigning;

/// <summary>
/// The bytes a request-signing sender puts before (or around) the body, written into a pooled buffer: the method, the
/// URL and, for Twilio, the sorted form parameters. Dispose it to give the buffer back.
/// </summary>
internal ref struct SignedContentBuffer
{
    private byte[] _buffer;
    private int _length;

    public SignedContentBuffer(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
        _length = 0;
    }

    /// <summary>What has been written.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>The number of bytes written.</summary>
    public readonly int Length => _length;

    /// <summary>Appends <paramref name="text"/> as UTF-8.</summary>
    public void Append(scoped ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    /// <summary>Appends raw bytes.</summary>
    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Forgets everything written after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => _length = Math.Min(length, _length);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null!;
        }
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(checked((_length + more) * 2));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}

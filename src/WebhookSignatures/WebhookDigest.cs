using System.Buffers.Binary;
using System.Runtime.InteropServices;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>
/// Up to 32 bytes held by value (a SHA-256), so a <see cref="WebhookDeliveryIdentity"/> carries its hash without allocating.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly struct WebhookDigest : IEquatable<WebhookDigest>
{
    /// <summary>The largest digest this type holds (HMAC-SHA256).</summary>
    public const int MaxLength = 32;

    private readonly ulong _a, _b, _c, _d;

    /// <summary>Creates a digest from its bytes.</summary>
    /// <param name="bytes">Between 1 and <see cref="MaxLength"/> bytes.</param>
    public WebhookDigest(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes.Length > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), $"A digest has between 1 and {MaxLength} bytes.");
        }

        Span<byte> padded = stackalloc byte[MaxLength];
        padded.Clear();
        bytes.CopyTo(padded);
        _a = BinaryPrimitives.ReadUInt64BigEndian(padded);
        _b = BinaryPrimitives.ReadUInt64BigEndian(padded[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(padded[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(padded[24..]);
        Length = bytes.Length;
    }

    /// <summary>The number of bytes; 0 for the empty digest of a failed result.</summary>
    public int Length { get; }

    /// <summary>Whether this digest holds no bytes.</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>Copies the digest's bytes into <paramref name="destination"/> and returns how many were written.</summary>
    /// <param name="destination">At least <see cref="Length"/> bytes.</param>
    public int CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException("The destination is shorter than the digest.", nameof(destination));
        }

        Span<byte> all = stackalloc byte[MaxLength];
        BinaryPrimitives.WriteUInt64BigEndian(all, _a);
        BinaryPrimitives.WriteUInt64BigEndian(all[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(all[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(all[24..], _d);
        all[..Length].CopyTo(destination);
        return Length;
    }

    /// <summary>The digest as lowercase hexadecimal.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[MaxLength];
        var length = CopyTo(bytes);
        return Hex.ToLower(bytes[..length]);
    }

    /// <inheritdoc />
    public bool Equals(WebhookDigest other) =>
        Length == other.Length && _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WebhookDigest other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d, Length);

    /// <summary>Compares two digests for equality.</summary>
    public static bool operator ==(WebhookDigest left, WebhookDigest right) => left.Equals(right);

    /// <summary>Compares two digests for inequality.</summary>
    public static bool operator !=(WebhookDigest left, WebhookDigest right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? "(none)" : ToHex();
}

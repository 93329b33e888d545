using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>
/// What identifies one delivery for exactly-once handling: a SHA-256 of signed material only, either the
/// identifier the sender signed (Standard Webhooks' <c>webhook-id</c>, a Stripe event's <c>id</c>) or exactly the
/// bytes the MAC covers. Never the MAC itself and never an unsigned header, so neither a stripped signature nor
/// an edited header makes a delivery look new. Held by value: identifying a delivery allocates nothing.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct WebhookDeliveryIdentity : IEquatable<WebhookDeliveryIdentity>
{
    // The SHA-256 each thread identifies deliveries with, between two identities always reset.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    private readonly WebhookDigest _hash;

    private WebhookDeliveryIdentity(WebhookDeliveryIdentitySource source, WebhookDigest hash)
    {
        Source = source;
        _hash = hash;
    }

    /// <summary>Where the identity comes from; <see cref="WebhookDeliveryIdentitySource.None"/> for the empty value.</summary>
    public WebhookDeliveryIdentitySource Source { get; }

    /// <summary>Whether this is the empty value (<c>default</c>), which identifies nothing.</summary>
    public bool IsEmpty => Source == WebhookDeliveryIdentitySource.None;

    /// <summary>Identifies a delivery by an identifier the sender's signature covers.</summary>
    /// <param name="signedId">The identifier, as received; it must be covered by the signature that verified.</param>
    /// <exception cref="ArgumentException"><paramref name="signedId"/> is empty.</exception>
    public static WebhookDeliveryIdentity FromSignedId(ReadOnlySpan<char> signedId)
    {
        if (signedId.IsEmpty)
        {
            throw new ArgumentException("A signed delivery id is never empty.", nameof(signedId));
        }

        // Ids are short (Standard Webhooks caps them at 256 characters); a longer one is hashed from a rented buffer.
        var byteCount = Encoding.UTF8.GetByteCount(signedId);
        byte[]? rented = null;
        var bytes = byteCount <= 1024 ? stackalloc byte[byteCount] : (rented = ArrayPool<byte>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        try
        {
            Encoding.UTF8.GetBytes(signedId, bytes);
            return Hash(WebhookDeliveryIdentitySource.SignedId, default, bytes, default);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Identifies a delivery by exactly what its MAC covers: what the sender signs before the signed content (Stripe:
    /// <c>&lt;t&gt;.</c>), the content (usually the body), and what it signs after it (HubSpot: the timestamp).
    /// </summary>
    /// <param name="signedPrefix">What the scheme signs before the content; empty when it signs the content alone.</param>
    /// <param name="content">The signed content, usually the raw body byte for byte as received.</param>
    /// <param name="signedSuffix">What the scheme signs after the content; usually empty.</param>
    public static WebhookDeliveryIdentity FromSignedContent(ReadOnlySpan<byte> signedPrefix, ReadOnlySpan<byte> content, ReadOnlySpan<byte> signedSuffix = default) =>
        Hash(WebhookDeliveryIdentitySource.SignedContent, signedPrefix, content, signedSuffix);

    private static WebhookDeliveryIdentity Hash(WebhookDeliveryIdentitySource source, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, ReadOnlySpan<byte> suffix)
    {
        // One SHA-256 pass over the source, the lengths of the prefix and of the data, then the prefix, the data and the
        // suffix. With both lengths up front no two inputs share an encoding (an id never collides with content, nor a
        // prefix with a body, whatever follows as the suffix), and the body is read once, by a hash this thread keeps:
        // no allocation, and none of the per-call set-up a one-shot hash pays.
        Span<byte> lengths = stackalloc byte[13];
        lengths[0] = (byte)source;
        BinaryPrimitives.WriteInt32BigEndian(lengths[1..], prefix.Length);
        BinaryPrimitives.WriteInt64BigEndian(lengths[5..], data.Length);
        Span<byte> digest = stackalloc byte[WebhookDigest.MaxLength];
        var sha256 = t_sha256 ?? IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        t_sha256 = null;
        sha256.AppendData(lengths);
        sha256.AppendData(prefix);
        sha256.AppendData(data);
        sha256.AppendData(suffix);
        sha256.GetHashAndReset(digest);

        // Given back only once reset: a hash that threw part-way is never used again.
        t_sha256 = sha256;
        return new WebhookDeliveryIdentity(source, new WebhookDigest(digest));
    }

    /// <summary>Copies the 32 hash bytes into <paramref name="destination"/>; returns 0 for the empty value.</summary>
    /// <param name="destination">At least 32 bytes.</param>
    public int CopyTo(Span<byte> destination) => IsEmpty ? 0 : _hash.CopyTo(destination);

    /// <inheritdoc />
    public bool Equals(WebhookDeliveryIdentity other) => Source == other.Source && _hash.Equals(other._hash);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WebhookDeliveryIdentity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash.GetHashCode();

    /// <summary>Compares two identities for equality.</summary>
    public static bool operator ==(WebhookDeliveryIdentity left, WebhookDeliveryIdentity right) => left.Equals(right);

    /// <summary>Compares two identities for inequality.</summary>
    public static bool operator !=(WebhookDeliveryIdentity left, WebhookDeliveryIdentity right) => !left.Equals(right);

    /// <summary>
    /// The identity as text for a store key: <c>id:</c> or <c>content:</c> and 64 lowercase hex digits;
    /// <c>(none)</c> for the empty value. It reveals nothing of the body or the id.
    /// </summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "(none)";
        }

        var label = Source == WebhookDeliveryIdentitySource.SignedId ? "id:" : "content:";
        Span<byte> bytes = stackalloc byte[WebhookDigest.MaxLength];
        _hash.CopyTo(bytes);
        Span<char> chars = stackalloc char[(2 * WebhookDigest.MaxLength) + 8];
        label.AsSpan().CopyTo(chars);
        Hex.EncodeLower(bytes, chars[label.Length..]);
        return new string(chars[..(label.Length + (2 * WebhookDigest.MaxLength))]);
    }
}

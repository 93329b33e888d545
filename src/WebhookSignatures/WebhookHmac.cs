using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>
/// The HMAC-SHA256 building blocks a sender needs: compute a MAC over <c>prefix || body</c>, and encode or decode
/// hexadecimal MACs and keys. Only <see cref="ToHex"/> allocates. A receiver matches MACs through
/// <see cref="WebhookVerificationContext"/>, in constant time and over every key of the ring, in a scheme of its own.
/// </summary>
public static class WebhookHmac
{
    /// <summary>The length of an HMAC-SHA256 in bytes.</summary>
    public const int Sha256Length = HmacSha256.Length;

    /// <summary>
    /// Computes HMAC-SHA256 over <paramref name="prefix"/> followed by <paramref name="body"/>, as if they
    /// were one buffer (for signed content such as <c>&lt;timestamp&gt;.&lt;body&gt;</c>).
    /// </summary>
    /// <param name="key">The secret's bytes.</param>
    /// <param name="prefix">What the sender signs before the body; empty for body-only schemes.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <param name="destination">Receives the MAC; at least <see cref="Sha256Length"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static void ComputeSha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        if (destination.Length < Sha256Length)
        {
            throw new ArgumentException($"The destination needs {Sha256Length} bytes.", nameof(destination));
        }

        HmacSha256.Compute(key, prefix, body, destination[..Sha256Length]);
    }

    /// <summary>
    /// Decodes exactly <c>destination.Length * 2</c> hexadecimal characters (either case) into
    /// <paramref name="destination"/>; returns <see langword="false"/> for any other input. Never throws.
    /// </summary>
    /// <param name="hex">The received text.</param>
    /// <param name="destination">Receives the bytes; its length fixes the expected length of the text.</param>
    public static bool TryDecodeHex(ReadOnlySpan<char> hex, Span<byte> destination) => Hex.TryDecode(hex, destination);

    /// <summary>Returns <paramref name="bytes"/> as lowercase hexadecimal, for writing signature headers.</summary>
    /// <param name="bytes">The MAC.</param>
    public static string ToHex(ReadOnlySpan<byte> bytes) => Hex.ToLower(bytes);
}

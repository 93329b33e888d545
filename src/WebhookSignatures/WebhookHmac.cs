using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>
/// The HMAC-SHA256 building blocks the built-in schemes use: compute a MAC over <c>prefix || body</c>, search a
/// <see cref="KeyRing"/> for a received MAC in constant time, and encode or decode hexadecimal MACs. Only
/// <see cref="ToHex"/> allocates. A scheme of your own derives from <see cref="WebhookScheme"/>, whose protected
/// helpers verify through them.
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
    /// Tries every key of the ring against every received MAC, comparing with
    /// <see cref="System.Security.Cryptography.CryptographicOperations.FixedTimeEquals"/>, and returns the
    /// ring position of the first key that matches, or -1 when none does.
    /// </summary>
    /// <param name="keys">The accepted secrets, current first.</param>
    /// <param name="prefix">What the sender signs before the body; empty for body-only schemes.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <param name="candidates">
    /// One or more received MACs of <see cref="Sha256Length"/> bytes each, back to back (a header may carry several).
    /// </param>
    /// <param name="digest">The MAC that matched; empty when none did.</param>
    /// <exception cref="ArgumentException"><paramref name="candidates"/> is empty or not a whole number of MACs.</exception>
    public static int FindMatchingKey(KeyRing keys, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> candidates, out WebhookDigest digest)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (candidates.IsEmpty || candidates.Length % Sha256Length != 0)
        {
            throw new ArgumentException($"The candidates must be one or more MACs of {Sha256Length} bytes, back to back.", nameof(candidates));
        }

        return HmacSha256.FindMatchingKey(keys, prefix, body, candidates, out digest);
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

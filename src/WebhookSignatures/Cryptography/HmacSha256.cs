using System.Buffers;
using System.Security.Cryptography;

namespace WebhookSignatures.Cryptography;

/// <summary>
/// HMAC-SHA256 over <c>prefix || body</c> (the prefix is empty for body-only schemes), and the
/// constant-time search of a key ring for a received MAC.
/// </summary>
internal static class HmacSha256
{
    public const int Length = 32;

    // Below this size prefix and body are joined on the stack; above it, in a pooled buffer.
    private const int StackLimit = 1024;

    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        if (prefix.IsEmpty)
        {
            HMACSHA256.HashData(key, body, destination);
            return;
        }

        var total = prefix.Length + body.Length;
        byte[]? rented = null;
        var joined = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            prefix.CopyTo(joined);
            body.CopyTo(joined[prefix.Length..]);
            HMACSHA256.HashData(key, joined[..total], destination);
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
    /// Tries every key of the ring against every candidate MAC (each <see cref="Length"/> bytes, back to back
    /// in <paramref name="candidates"/>), comparing in constant time. Returns the first matching key index, or -1.
    /// </summary>
    public static int FindMatchingKey(KeyRing keys, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> candidates) =>
        FindMatchingKey(keys, prefix, body, default, candidates);

    /// <summary>As above, over <c>prefix || body || suffix</c>, for senders that sign something after the body (HubSpot's timestamp).</summary>
    public static int FindMatchingKey(
        KeyRing keys, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> candidates)
    {
        Span<byte> expected = stackalloc byte[Length];
        for (var k = 0; k < keys.Count; k++)
        {
            // Public and private Ed25519 keys are never HMAC keys.
            if (!keys.TryComputeHmacSha256(k, prefix, body, suffix, expected))
            {
                continue;
            }

            for (var offset = 0; offset < candidates.Length; offset += Length)
            {
                if (CryptographicOperations.FixedTimeEquals(expected, candidates.Slice(offset, Length)))
                {
                    return k;
                }
            }
        }

        return -1;
    }
}

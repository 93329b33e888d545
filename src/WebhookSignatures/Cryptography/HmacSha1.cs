using System.Buffers;
using System.Security.Cryptography;

namespace WebhookSignatures.Cryptography;

/// <summary>
/// HMAC-SHA1 over <c>prefix || body</c> and the constant-time search of a key ring for a received MAC, for the senders
/// that still sign with it (GitHub's legacy header, Twilio's default).
/// </summary>
internal static class HmacSha1
{
    public const int Length = 20;

    // Below this size prefix and body are joined on the stack; above it, in a pooled buffer.
    private const int StackLimit = 1024;

    /// <summary>Returns the first key whose MAC equals <paramref name="received"/> (<see cref="Length"/> bytes), or -1.</summary>
    public static int FindMatchingKey(KeyRing keys, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> received)
    {
        var total = prefix.Length + body.Length;
        byte[]? rented = null;
        Span<byte> joined = prefix.IsEmpty || total > StackLimit ? default : stackalloc byte[StackLimit];
        if (!prefix.IsEmpty && total > StackLimit)
        {
            joined = rented = ArrayPool<byte>.Shared.Rent(total);
        }

        try
        {
            scoped ReadOnlySpan<byte> data = body;
            if (!prefix.IsEmpty)
            {
                prefix.CopyTo(joined);
                body.CopyTo(joined[prefix.Length..]);
                data = joined[..total];
            }

            Span<byte> expected = stackalloc byte[Length];
            for (var k = 0; k < keys.Count; k++)
            {
                // Public and private Ed25519 keys are never HMAC keys.
                if (keys.GetKind(k) != WebhookKeyKind.Secret)
                {
                    continue;
                }

                // SHA-1 is what these senders sign with; it is verified only where the sender sends nothing better.
#pragma warning disable CA5350
                HMACSHA1.HashData(keys.GetKey(k), data, expected);
#pragma warning restore CA5350
                if (CryptographicOperations.FixedTimeEquals(expected, received))
                {
                    return k;
                }
            }

            return -1;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Computes HMAC-SHA1 over <c>prefix || body</c>, for signing.</summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);
        hash.AppendData(prefix);
        hash.AppendData(body);
        hash.GetHashAndReset(destination);
    }
}

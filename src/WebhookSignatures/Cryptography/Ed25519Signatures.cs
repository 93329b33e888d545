using System.Buffers;

namespace WebhookSignatures.Cryptography;

/// <summary>The search of a key ring's Ed25519 public keys for one that verifies a received signature.</summary>
internal static class Ed25519Signatures
{
    // Below this size prefix and body are joined on the stack; above it, in a pooled buffer.
    private const int StackLimit = 1024;

    /// <summary>
    /// Tries every public key of the ring (never a secret) against every candidate signature (each
    /// <see cref="IEd25519.SignatureLength"/> bytes, back to back) over <c>prefix || body</c>. Returns the first
    /// verifying key index, or -1.
    /// </summary>
    public static int FindMatchingKey(IEd25519 ed25519, KeyRing keys, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> candidates)
    {
        if (prefix.IsEmpty)
        {
            return FindMatchingKey(ed25519, keys, body, candidates);
        }

        // Ed25519 hashes the whole message twice over (R || A || M), so it needs it in one buffer.
        var total = prefix.Length + body.Length;
        byte[]? rented = null;
        var joined = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            prefix.CopyTo(joined);
            body.CopyTo(joined[prefix.Length..]);
            return FindMatchingKey(ed25519, keys, joined[..total], candidates);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int FindMatchingKey(IEd25519 ed25519, KeyRing keys, ReadOnlySpan<byte> message, ReadOnlySpan<byte> candidates)
    {
        for (var k = 0; k < keys.Count; k++)
        {
            var publicKey = keys.GetEd25519PublicKey(k);
            if (publicKey.IsEmpty)
            {
                continue;
            }

            for (var offset = 0; offset < candidates.Length; offset += IEd25519.SignatureLength)
            {
                var signature = candidates.Slice(offset, IEd25519.SignatureLength);
                if (ed25519.Verify(publicKey, message, signature))
                {
                    return k;
                }
            }
        }

        return -1;
    }
}

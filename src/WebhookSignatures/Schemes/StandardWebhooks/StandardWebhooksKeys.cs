using System.Security.Cryptography;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.StandardWebhooks;

/// <summary>
/// Reads Standard Webhooks keys: <c>whsec_</c> secrets (the prefix optional), <c>whpk_</c> Ed25519 public keys and
/// <c>whsk_</c> Ed25519 private keys, each base64 of the raw bytes.
/// </summary>
internal static class StandardWebhooksKeys
{
    public const string PublicKeyPrefix = "whpk_";

    public const string PrivateKeyPrefix = "whsk_";

    /// <summary>
    /// The ring entry for one configured key, or <see langword="null"/> with <paramref name="problem"/> saying what is
    /// wrong (never quoting the key). A <c>whsk_</c> key is a 32-byte seed or the 64-byte seed and public key; the ring
    /// keeps the 64-byte form, whose public half is checked against the seed.
    /// </summary>
    public static KeyRingEntry? TryRead(string key, IEd25519? ed25519, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrEmpty(key))
        {
            problem = "empty";
            return null;
        }

        var text = key.AsSpan();
        var kind = text.StartsWith(PublicKeyPrefix, StringComparison.Ordinal) ? WebhookKeyKind.Ed25519PublicKey
            : text.StartsWith(PrivateKeyPrefix, StringComparison.Ordinal) ? WebhookKeyKind.Ed25519PrivateKey
            : WebhookKeyKind.Secret;
        if (kind != WebhookKeyKind.Secret && ed25519 is null)
        {
            problem = $"an Ed25519 key ({(kind == WebhookKeyKind.Ed25519PublicKey ? PublicKeyPrefix : PrivateKeyPrefix)}), which needs the WebhookSignatures.Ed25519 package";
            return null;
        }

        text = kind switch
        {
            WebhookKeyKind.Ed25519PublicKey => text[PublicKeyPrefix.Length..],
            WebhookKeyKind.Ed25519PrivateKey => text[PrivateKeyPrefix.Length..],
            _ when text.StartsWith(StandardWebhooksSignature.SecretPrefix, StringComparison.Ordinal) => text[StandardWebhooksSignature.SecretPrefix.Length..],
            _ => text,
        };

        var buffer = new byte[((text.Length + 3) / 4) * 3];
        try
        {
            if (!Convert.TryFromBase64Chars(text, buffer, out var written) || written == 0)
            {
                problem = "not base64 after its prefix";
                return null;
            }

            return kind switch
            {
                WebhookKeyKind.Ed25519PublicKey when written == IEd25519.PublicKeyLength => new(kind, buffer.AsMemory(0, written).ToArray()),
                WebhookKeyKind.Ed25519PrivateKey when written is IEd25519.SeedLength or IEd25519.PrivateKeyLength => ReadPrivateKey(buffer.AsSpan(0, written), ed25519!, out problem),
                WebhookKeyKind.Secret => new(kind, buffer.AsMemory(0, written).ToArray()),
                _ => Fail(out problem, $"not {(kind == WebhookKeyKind.Ed25519PublicKey ? "32" : "32 or 64")} bytes of base64"),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static KeyRingEntry? ReadPrivateKey(ReadOnlySpan<byte> decoded, IEd25519 ed25519, out string problem)
    {
        problem = string.Empty;
        var privateKey = new byte[IEd25519.PrivateKeyLength];
        ed25519.DerivePublicKey(decoded[..IEd25519.SeedLength], privateKey.AsSpan(IEd25519.SeedLength));
        if (decoded.Length == IEd25519.PrivateKeyLength
            && !CryptographicOperations.FixedTimeEquals(decoded[IEd25519.SeedLength..], privateKey.AsSpan(IEd25519.SeedLength)))
        {
            CryptographicOperations.ZeroMemory(privateKey);
            return Fail(out problem, "a 64-byte private key whose public half does not belong to its seed");
        }

        decoded[..IEd25519.SeedLength].CopyTo(privateKey);
        return new(WebhookKeyKind.Ed25519PrivateKey, privateKey);
    }

    private static KeyRingEntry? Fail(out string problem, string why)
    {
        problem = why;
        return null;
    }

    /// <summary>
    /// What is wrong with a configured Standard Webhooks key and the fix, or null when it may be right; never quotes it.
    /// A receiver's key is the <c>whsec_</c> secret the sender shows (Svix's dashboard, the sender's settings) or a
    /// <c>whpk_</c> public key; without the prefix the sender's own libraries would accept it, but it is most often a
    /// key copied from the wrong place.
    /// </summary>
    public static string? CheckConfigured(string key)
    {
        const string Fix = "copy the endpoint's signing secret whole, whsec_ included (Svix: the endpoint's Signing Secret; other senders: their webhook settings), or a whpk_ public key";
        var text = key.AsSpan();
        var prefix = text.StartsWith(StandardWebhooksSignature.SecretPrefix, StringComparison.Ordinal) ? StandardWebhooksSignature.SecretPrefix
            : text.StartsWith(PublicKeyPrefix, StringComparison.Ordinal) ? PublicKeyPrefix
            : text.StartsWith(PrivateKeyPrefix, StringComparison.Ordinal) ? PrivateKeyPrefix
            : null;
        if (prefix is null)
        {
            return $"does not start with {StandardWebhooksSignature.SecretPrefix} (or {PublicKeyPrefix} for an Ed25519 public key), as Standard Webhooks and Svix secrets do: {Fix}.";
        }

        var rest = text[prefix.Length..];
        var buffer = new byte[((rest.Length + 3) / 4) * 3];
        try
        {
            if (rest.IsEmpty || !Convert.TryFromBase64Chars(rest, buffer, out var written) || written == 0)
            {
                return $"is not base64 after {prefix} (a line break, a space, a cut or a character outside base64): {Fix}.";
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }

        return null;
    }
}

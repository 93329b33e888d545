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
}

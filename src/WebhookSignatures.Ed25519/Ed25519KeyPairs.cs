using System.Security.Cryptography;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Ed25519;

/// <summary>New Ed25519 key pairs in each scheme's own form, from 32 random bytes of seed.</summary>
internal static class Ed25519KeyPairs
{
    /// <summary>
    /// Standard Webhooks: <c>whsk_</c> and the base64 of the seed and its public key (64 bytes, as libsodium keeps a
    /// private key), and <c>whpk_</c> and the base64 of the public key.
    /// </summary>
    public static WebhookKeyPair StandardWebhooks() => Generate(privateKey => new WebhookKeyPair(
        StandardWebhooksSignature.PrivateKeyPrefix + Convert.ToBase64String(privateKey),
        StandardWebhooksSignature.PublicKeyPrefix + Convert.ToBase64String(privateKey.AsSpan(IEd25519.SeedLength))));

    /// <summary>Discord: the private key as 128 lowercase hex characters (seed, then public key), the public key as 64.</summary>
    public static WebhookKeyPair Discord() => Generate(privateKey => new WebhookKeyPair(
        WebhookHmac.ToHex(privateKey),
        WebhookHmac.ToHex(privateKey.AsSpan(IEd25519.SeedLength))));

    private static WebhookKeyPair Generate(Func<byte[], WebhookKeyPair> write)
    {
        var privateKey = new byte[IEd25519.PrivateKeyLength];
        try
        {
            RandomNumberGenerator.Fill(privateKey.AsSpan(0, IEd25519.SeedLength));
            WebhookEd25519.Instance.DerivePublicKey(privateKey.AsSpan(0, IEd25519.SeedLength), privateKey.AsSpan(IEd25519.SeedLength));
            return write(privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }
}

using System.Security.Cryptography;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Ed25519;

namespace WebhookSignatures.Schemes.Discord;

/// <summary>Reads and makes Discord's hex keys: 32-byte public keys and 64-byte private keys (seed, then public key).</summary>
internal static class DiscordKeys
{
    /// <summary>The ring entry for one hex key, or <see langword="null"/> when it is neither form.</summary>
    public static KeyRingEntry? TryRead(string? hex)
    {
        var text = hex.AsSpan().Trim();
        if (text.Length == 2 * IEd25519.PublicKeyLength)
        {
            var publicKey = new byte[IEd25519.PublicKeyLength];
            return WebhookHmac.TryDecodeHex(text, publicKey) ? new(WebhookKeyKind.Ed25519PublicKey, publicKey) : null;
        }

        if (text.Length != 2 * IEd25519.PrivateKeyLength)
        {
            return null;
        }

        var privateKey = new byte[IEd25519.PrivateKeyLength];
        Span<byte> derived = stackalloc byte[IEd25519.PublicKeyLength];
        if (WebhookHmac.TryDecodeHex(text, privateKey))
        {
            WebhookEd25519.Instance.DerivePublicKey(privateKey.AsSpan(0, IEd25519.SeedLength), derived);
            if (CryptographicOperations.FixedTimeEquals(derived, privateKey.AsSpan(IEd25519.SeedLength)))
            {
                return new(WebhookKeyKind.Ed25519PrivateKey, privateKey);
            }
        }

        CryptographicOperations.ZeroMemory(privateKey);
        return null;
    }

    /// <summary>A new private key as 128 lowercase hex characters.</summary>
    public static string Generate()
    {
        Span<byte> privateKey = stackalloc byte[IEd25519.PrivateKeyLength];
        RandomNumberGenerator.Fill(privateKey[..IEd25519.SeedLength]);
        WebhookEd25519.Instance.DerivePublicKey(privateKey[..IEd25519.SeedLength], privateKey[IEd25519.SeedLength..]);
        var hex = WebhookHmac.ToHex(privateKey);
        CryptographicOperations.ZeroMemory(privateKey);
        return hex;
    }

    /// <summary>
    /// What is wrong with a configured Discord key and the fix, or null when it may be right; never quotes it. A receiver
    /// holds the application's public key: 64 hex digits (a test sender's private key is 128).
    /// </summary>
    public static string? CheckConfigured(string key)
    {
        var text = key.AsSpan().Trim();
        var hex = true;
        foreach (var c in text)
        {
            hex &= char.IsAsciiHexDigit(c);
        }

        if (hex && text.Length is 2 * IEd25519.PublicKeyLength or 2 * IEd25519.PrivateKeyLength)
        {
            return null;
        }

        var what = !hex ? "holds characters that are not hex digits" : "is not 64 hex digits long";
        return $"{what}, and a Discord public key is 64 hex digits: copy the Public Key from the application's General Information page in the Discord Developer Portal (not the client secret or the bot token).";
    }
}

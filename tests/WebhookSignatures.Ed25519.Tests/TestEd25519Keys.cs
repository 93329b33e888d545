using System.Security.Cryptography;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Ed25519.Tests;

/// <summary>Keys for the tests: RFC 8032's test keys 1 to 3 (section 7.1) and fresh ones.</summary>
internal static class TestEd25519Keys
{
    public static readonly KeyPair Rfc1 = new("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    public static readonly KeyPair Rfc2 = new("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

    public static readonly KeyPair Rfc3 = new("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025");

    public static KeyPair Generate()
    {
        var seed = RandomNumberGenerator.GetBytes(IEd25519.SeedLength);
        var publicKey = new byte[IEd25519.PublicKeyLength];
        WebhookEd25519.Instance.DerivePublicKey(seed, publicKey);
        return new(Convert.ToHexStringLower(seed), Convert.ToHexStringLower(publicKey));
    }

    public static KeyPair FromSeed(byte[] seed)
    {
        var publicKey = new byte[IEd25519.PublicKeyLength];
        WebhookEd25519.Instance.DerivePublicKey(seed, publicKey);
        return new(Convert.ToHexStringLower(seed), Convert.ToHexStringLower(publicKey));
    }

    /// <summary>One key pair, written in every form the schemes read.</summary>
    public sealed record KeyPair(string SeedHex, string PublicKeyHex)
    {
        public byte[] Seed => Convert.FromHexString(SeedHex);

        public byte[] PublicKey => Convert.FromHexString(PublicKeyHex);

        /// <summary>Discord's form of a private key: 128 hex characters, the seed then the public key.</summary>
        public string DiscordPrivateKey => SeedHex + PublicKeyHex;

        public string Whpk => "whpk_" + Convert.ToBase64String(PublicKey);

        public string WhskSeed => "whsk_" + Convert.ToBase64String(Seed);

        public string WhskFull => "whsk_" + Convert.ToBase64String([.. Seed, .. PublicKey]);
    }
}

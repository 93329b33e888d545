namespace WebhookSignatures;

/// <summary>
/// What a key in a <see cref="KeyRing"/> is, so that a ring can hold shared secrets beside public keys and never
/// use one as the other: an HMAC is computed only under a <see cref="Secret"/>, and a signature is checked only
/// against an <see cref="Ed25519PublicKey"/> (or the public half of an <see cref="Ed25519PrivateKey"/>).
/// </summary>
public enum WebhookKeyKind
{
    /// <summary>A shared secret for HMAC schemes: any number of bytes.</summary>
    Secret = 0,

    /// <summary>An Ed25519 public key (32 bytes), which verifies signatures and cannot make them.</summary>
    Ed25519PublicKey = 1,

    /// <summary>
    /// An Ed25519 private key in the 64-byte form of RFC 8032 implementations such as libsodium: the 32-byte seed
    /// followed by its public key. It signs, and its public half verifies.
    /// </summary>
    Ed25519PrivateKey = 2,
}

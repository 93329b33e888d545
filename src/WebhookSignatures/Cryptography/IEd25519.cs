namespace WebhookSignatures.Cryptography;

/// <summary>
/// The Ed25519 signature primitive (RFC 8032) that asymmetric schemes use: Discord's interactions and Standard
/// Webhooks' <c>v1a</c> signatures. The core defines it and ships none, so it depends on nothing beyond the BCL;
/// the <c>WebhookSignatures.Ed25519</c> package supplies one, and a scheme receives it through
/// <see cref="WebhookSchemeOptions.Ed25519"/>.
/// </summary>
/// <remarks>Implementations never throw on a malformed signature or public key: they return <see langword="false"/>.</remarks>
public interface IEd25519
{
    /// <summary>The length of a public key in bytes.</summary>
    const int PublicKeyLength = 32;

    /// <summary>The length of a seed (the secret half of a private key) in bytes.</summary>
    const int SeedLength = 32;

    /// <summary>The length of a private key in its seed-and-public-key form, in bytes.</summary>
    const int PrivateKeyLength = SeedLength + PublicKeyLength;

    /// <summary>The length of a signature in bytes.</summary>
    const int SignatureLength = 64;

    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="message"/> under <paramref name="publicKey"/>.</summary>
    /// <param name="publicKey">The signer's public key, <see cref="PublicKeyLength"/> bytes.</param>
    /// <param name="message">Exactly what the sender signed.</param>
    /// <param name="signature">The received signature, <see cref="SignatureLength"/> bytes.</param>
    bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);

    /// <summary>Signs <paramref name="message"/>.</summary>
    /// <param name="privateKey">The private key, <see cref="PrivateKeyLength"/> bytes: the seed, then its public key.</param>
    /// <param name="message">Exactly what is sent.</param>
    /// <param name="signature">Receives the signature, <see cref="SignatureLength"/> bytes.</param>
    void Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, Span<byte> signature);

    /// <summary>Computes the public key of a seed.</summary>
    /// <param name="seed">The seed, <see cref="SeedLength"/> bytes.</param>
    /// <param name="publicKey">Receives the public key, <see cref="PublicKeyLength"/> bytes.</param>
    void DerivePublicKey(ReadOnlySpan<byte> seed, Span<byte> publicKey);
}

using WebhookSignatures.Cryptography;
using BouncyCastleEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace WebhookSignatures.Ed25519;

/// <summary>
/// The Ed25519 primitive (RFC 8032) for the asymmetric schemes, on BouncyCastle's managed implementation: no native
/// library, so it runs wherever .NET does and in Native AOT. Pass <see cref="Instance"/> as
/// <see cref="WebhookSchemeOptions.Ed25519"/>, or use a catalog with it (<see cref="WebhookSchemeCatalogEd25519Extensions.WithEd25519"/>).
/// </summary>
public sealed class WebhookEd25519 : IEd25519
{
    private WebhookEd25519()
    {
    }

    /// <summary>The one instance; it holds no state.</summary>
    public static WebhookEd25519 Instance { get; } = new();

    /// <inheritdoc />
    /// <remarks>A public key or signature of the wrong length, a key that is not a curve point, or a non-canonical signature is <see langword="false"/>.</remarks>
    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != IEd25519.PublicKeyLength || signature.Length != IEd25519.SignatureLength)
        {
            return false;
        }

        return BouncyCastleEd25519.Verify(signature, publicKey, message);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A buffer has the wrong length.</exception>
    public void Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (privateKey.Length != IEd25519.PrivateKeyLength)
        {
            throw new ArgumentException($"An Ed25519 private key has {IEd25519.PrivateKeyLength} bytes: the seed, then its public key.", nameof(privateKey));
        }

        if (signature.Length < IEd25519.SignatureLength)
        {
            throw new ArgumentException($"The destination needs {IEd25519.SignatureLength} bytes.", nameof(signature));
        }

        BouncyCastleEd25519.Sign(privateKey[..IEd25519.SeedLength], privateKey[IEd25519.SeedLength..], message, signature[..IEd25519.SignatureLength]);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A buffer has the wrong length.</exception>
    public void DerivePublicKey(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        if (seed.Length != IEd25519.SeedLength || publicKey.Length < IEd25519.PublicKeyLength)
        {
            throw new ArgumentException($"A seed has {IEd25519.SeedLength} bytes and a public key {IEd25519.PublicKeyLength}.", nameof(seed));
        }

        BouncyCastleEd25519.GeneratePublicKey(seed, publicKey[..IEd25519.PublicKeyLength]);
    }
}

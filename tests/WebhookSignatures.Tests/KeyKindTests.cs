using System.Security.Cryptography;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Tests;

/// <summary>A ring's public and private keys are never handed to an HMAC, whichever scheme asks.</summary>
public sealed class KeyKindTests
{
    private static readonly byte[] KeyBytes = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Hmac_schemes_never_use_a_public_key_as_a_secret_even_when_the_bytes_would_match()
    {
        var header = HubSignature.CreateSignatureHeader("body"u8, KeyBytes);
        using var secret = KeyRing.FromKeys(KeyBytes);
        using var publicKey = KeyRing.FromEntries(new KeyRingEntry(WebhookKeyKind.Ed25519PublicKey, KeyBytes));

        SnykSignature.Default.VerifySignatureHeader(header, "body"u8, secret).IsValid.Should().BeTrue("the same bytes as a secret do match");
        SnykSignature.Default.VerifySignatureHeader(header, "body"u8, publicKey).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        GitHubSha1Signature.Default.VerifySignatureHeader("sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(KeyBytes, "body"u8)), "body"u8, publicKey)
            .FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void A_secret_after_a_public_key_still_verifies_and_reports_its_own_position()
    {
        var header = HubSignature.CreateSignatureHeader("body"u8, KeyBytes);
        using var ring = KeyRing.FromEntries(
            new KeyRingEntry(WebhookKeyKind.Ed25519PublicKey, RandomNumberGenerator.GetBytes(32)),
            new KeyRingEntry(WebhookKeyKind.Secret, KeyBytes));

        SnykSignature.Default.VerifySignatureHeader(header, "body"u8, ring).MatchedKeyIndex.Should().Be(1);
    }

    [Fact]
    public void A_public_key_cannot_be_read_as_a_secret_or_sign_an_hmac()
    {
        using var ring = KeyRing.FromEntries(new KeyRingEntry(WebhookKeyKind.Ed25519PublicKey, KeyBytes));

        ring.GetKind(0).Should().Be(WebhookKeyKind.Ed25519PublicKey);
        ring.Invoking(r => r.GetKey(0)).Should().Throw<InvalidOperationException>().WithMessage("*Ed25519PublicKey*");
        ring.GetKey(0, WebhookKeyKind.Ed25519PublicKey).ToArray().Should().Equal(KeyBytes);
        var sign = () => StripeSignature.Default.Sign("body"u8, ring);
        sign.Should().Throw<ArgumentException>().WithMessage("*not a secret*");
        ring.EnsureStrong().Should().BeSameAs(ring, "a public key has no strength to check");
    }

    [Fact]
    public void Without_an_ed25519_primitive_standard_webhooks_refuses_public_keys_at_configuration_naming_the_package()
    {
        var create = () => StandardWebhooksSignature.Default.CreateKeyRing(["whsec_" + Convert.ToBase64String(KeyBytes), "whpk_" + Convert.ToBase64String(KeyBytes)]);

        create.Should().Throw<ArgumentException>().WithMessage("Secret 1 *WebhookSignatures.Ed25519*").Which.Message.Should().NotContain(Convert.ToBase64String(KeyBytes));
    }

    [Fact]
    public void Ed25519_keys_must_have_their_length()
    {
        var create = () => KeyRing.FromEntries(
            new KeyRingEntry(WebhookKeyKind.Secret, KeyBytes),
            new KeyRingEntry(WebhookKeyKind.Ed25519PrivateKey, KeyBytes));

        create.Should().Throw<ArgumentException>().WithMessage("Key 1 of the key ring *Ed25519PrivateKey*");
    }

    [Fact]
    public void The_ring_says_how_many_keys_of_each_kind_and_never_their_bytes()
    {
        using var ring = KeyRing.FromEntries(
            new KeyRingEntry(WebhookKeyKind.Secret, KeyBytes),
            new KeyRingEntry(WebhookKeyKind.Ed25519PublicKey, KeyBytes),
            new KeyRingEntry(WebhookKeyKind.Ed25519PublicKey, KeyBytes));

        ring.ToString().Should().Be("KeyRing (1 secret, 2 Ed25519 public keys)");
        new KeyRingEntry(WebhookKeyKind.Ed25519PublicKey, KeyBytes).ToString().Should().Be("Ed25519PublicKey (32 bytes)");
        KeyRing.Empty.ToString().Should().Be("KeyRing (0 secrets)");
    }
}

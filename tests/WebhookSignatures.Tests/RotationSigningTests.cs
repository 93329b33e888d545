using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Paddle;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Tests;

/// <summary>
/// During a rotation the sender signs with the new key and the previous one until the grace time ends, so a receiver
/// that holds only the old key and one that holds only the new key both accept.
/// </summary>
public sealed class RotationSigningTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_712_345_678);
    private static readonly DateTimeOffset GraceEnds = Now.AddDays(7);
    private static readonly byte[] Body = """{"id":"evt_1","event_id":"evt_1","type":"ping"}"""u8.ToArray();

    public static TheoryData<string, string, string> MultiSignatureSchemes() => new()
    {
        { StandardWebhooksSignature.SchemeName, StandardWebhooksSignature.GenerateSecret(), StandardWebhooksSignature.GenerateSecret() },
        { StripeSignature.SchemeName, "whsec_new-stripe-secret-0123456", "whsec_old-stripe-secret-0123456" },
        { PaddleSignature.SchemeName, "pdl_ntfset_new_secret_012345678", "pdl_ntfset_old_secret_012345678" },
        { InfisicalAlertsSignature.SchemeName, "new-infisical-alerts-secret-01", "old-infisical-alerts-secret-01" },
    };

    [Theory]
    [MemberData(nameof(MultiSignatureSchemes))]
    public void During_the_grace_time_receivers_with_only_the_old_key_and_only_the_new_key_both_accept(string name, string newSecret, string oldSecret)
    {
        var clock = new FakeTimeProvider(Now);
        var scheme = WebhookSchemeCatalog.BuiltIn.Get(name).Create(new WebhookSchemeOptions { TimeProvider = clock });
        using var ring = scheme.CreateKeyRing([newSecret, oldSecret]);
        using var signing = ring.WithPreviousKeySigningUntil(GraceEnds);
        using var newOnly = scheme.CreateKeyRing([newSecret]);
        using var oldOnly = scheme.CreateKeyRing([oldSecret]);

        var signed = scheme.Sign(Body, signing);

        scheme.Verify(new(signed.Headers, signed.Body.Span), newOnly).IsValid.Should().BeTrue("a receiver that already switched holds only the new key");
        scheme.Verify(new(signed.Headers, signed.Body.Span), oldOnly).IsValid.Should().BeTrue("a receiver that has not switched yet holds only the old key");
        scheme.Verify(new(signed.Headers, signed.Body.Span), ring).MatchedKeyIndex.Should().Be(0, "the current key's signature comes first");
    }

    [Theory]
    [MemberData(nameof(MultiSignatureSchemes))]
    public void After_the_grace_time_only_the_new_key_signs(string name, string newSecret, string oldSecret)
    {
        var clock = new FakeTimeProvider(GraceEnds);
        var scheme = WebhookSchemeCatalog.BuiltIn.Get(name).Create(new WebhookSchemeOptions { TimeProvider = clock });
        using var ring = scheme.CreateKeyRing([newSecret, oldSecret]);
        using var signing = ring.WithPreviousKeySigningUntil(GraceEnds);
        using var oldOnly = scheme.CreateKeyRing([oldSecret]);
        using var newOnly = scheme.CreateKeyRing([newSecret]);

        var signed = scheme.Sign(Body, signing);

        scheme.Verify(new(signed.Headers, signed.Body.Span), newOnly).IsValid.Should().BeTrue();
        scheme.Verify(new(signed.Headers, signed.Body.Span), oldOnly).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void The_headers_carry_one_signature_per_signing_key_in_each_senders_form()
    {
        var time = new WebhookSigningParameters { Timestamp = Now, DeliveryId = "msg_rotation" };
        using var standard = StandardWebhooksSignature.Default.CreateKeyRing(["whsec_" + Convert.ToBase64String(new byte[24]), "whsec_" + Convert.ToBase64String(Enumerable.Repeat((byte)1, 24).ToArray())]).WithPreviousKeySigningUntil(GraceEnds);
        using var stripe = KeyRing.FromSecrets("whsec_new-stripe-secret-0123456", "whsec_old-stripe-secret-0123456").WithPreviousKeySigningUntil(GraceEnds);

        var webhookSignature = StandardWebhooksSignature.Default.Sign(Body, standard, time).Headers.GetValue("webhook-signature")!;
        var stripeSignature = StripeSignature.Default.Sign(Body, stripe, time).Headers.GetValue("Stripe-Signature")!;
        var paddleSignature = PaddleSignature.Default.Sign(Body, stripe, time).Headers.GetValue("Paddle-Signature")!;

        webhookSignature.Should().MatchRegex(@"^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$");
        webhookSignature.Split(' ')[0].Should().Be(StandardWebhooksSignature.CreateSignatureHeader("msg_rotation", Now.ToUnixTimeSeconds(), Body, standard.GetKey(0)));
        webhookSignature.Split(' ')[1].Should().Be(StandardWebhooksSignature.CreateSignatureHeader("msg_rotation", Now.ToUnixTimeSeconds(), Body, standard.GetKey(1)));
        stripeSignature.Should().MatchRegex("^t=1712345678,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$");
        stripeSignature.Should().StartWith(StripeSignature.CreateSignatureHeader(Now.ToUnixTimeSeconds(), Body, stripe.GetKey(0)) + ",v1=");
        stripeSignature.Should().EndWith("," + StripeSignature.CreateSignatureHeader(Now.ToUnixTimeSeconds(), Body, stripe.GetKey(1)).Split(',')[1]);
        paddleSignature.Should().MatchRegex("^ts=1712345678;h1=[0-9a-f]{64};h1=[0-9a-f]{64}$");
        paddleSignature.Should().EndWith(";" + PaddleSignature.CreateSignatureHeader(Now.ToUnixTimeSeconds(), Body, stripe.GetKey(1)).Split(';')[1]);
    }

    [Fact]
    public void A_scheme_with_one_signature_per_header_signs_with_the_current_key_only()
    {
        using var ring = KeyRing.FromSecrets("new-github-secret-0123456", "old-github-secret-0123456").WithPreviousKeySigningUntil(GraceEnds);
        using var oldOnly = KeyRing.FromSecrets("old-github-secret-0123456");

        var signed = GitHubSignature.Default.Sign(Body, ring, new WebhookSigningParameters { Timestamp = Now });

        signed.Headers.GetValue(GitHubSignature.SignatureHeaderName).Should().Be(HubSignature.CreateSignatureHeader(Body, ring.GetKey(0)));
        GitHubSignature.Default.Verify(new(signed.Headers, Body), oldOnly).IsValid.Should().BeFalse();
    }

    [Fact]
    public void Only_the_first_key_signs_unless_a_grace_time_is_set_and_it_ends_at_its_instant()
    {
        using var ring = KeyRing.FromSecrets("new-secret-0123456789", "old-secret-0123456789", "older-secret-012345678");
        using var rotating = ring.WithPreviousKeySigningUntil(GraceEnds);

        ring.PreviousKeySigningUntil.Should().BeNull();
        ring.GetSigningKeyCount(Now).Should().Be(1);
        rotating.PreviousKeySigningUntil.Should().Be(GraceEnds);
        rotating.GetSigningKeyCount(GraceEnds.AddTicks(-1)).Should().Be(2, "the previous key signs, the older one never does");
        rotating.GetSigningKeyCount(GraceEnds).Should().Be(1);
        KeyRing.Empty.GetSigningKeyCount(Now).Should().Be(0);
    }

    [Fact]
    public void A_rotation_needs_a_previous_key_and_the_copy_outlives_the_original()
    {
        using var single = KeyRing.FromSecrets("only-secret-0123456789");
        var rotate = () => single.WithPreviousKeySigningUntil(GraceEnds);
        rotate.Should().Throw<InvalidOperationException>().WithMessage("*current key (first) and the previous one (second)*");

        var original = KeyRing.FromSecrets("new-secret-0123456789", "old-secret-0123456789");
        using var rotating = original.WithPreviousKeySigningUntil(GraceEnds);
        original.Dispose();

        rotating.GetKey(1).ToArray().Should().Equal("old-secret-0123456789"u8.ToArray(), "the copy holds its own keys");
        rotating.ToString().Should().Be("KeyRing (2 secrets)");
    }

    [Fact]
    public void A_public_key_in_a_signing_position_is_refused_by_name_of_its_position()
    {
        using var publicOnly = KeyRing.FromEntries(new KeyRingEntry(WebhookKeyKind.Secret, new byte[24]), new KeyRingEntry(WebhookKeyKind.Ed25519PublicKey, new byte[32])).WithPreviousKeySigningUntil(GraceEnds);

        var sign = () => StandardWebhooksSignature.Default.Sign(Body, publicOnly, new WebhookSigningParameters { Timestamp = Now });

        sign.Should().Throw<ArgumentException>().WithMessage("Key 1 of the key ring signs but is an Ed25519PublicKey*");
    }
}

using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Ed25519.Tests;

/// <summary>Standard Webhooks <c>v1a</c> through the one <c>standard-webhooks</c> scheme, beside <c>v1</c>.</summary>
public sealed class StandardWebhooksV1aTests
{
    private const string Id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_764_500_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"user.created","data":{"id":"user_1","name":"Zoë"}}""");
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("a-standard-webhooks-secret-of-32b"));

    private static readonly WebhookScheme Scheme = Catalogs.WithEd25519.Get(StandardWebhooksSignature.SchemeName)
        .Create(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(Now) });

    [Fact]
    public void A_whsk_key_signs_v1a_and_its_whpk_public_key_verifies_it()
    {
        var signed = Sign(TestEd25519Keys.Rfc3.WhskSeed, Now);
        using var keys = Scheme.CreateKeyRing([TestEd25519Keys.Rfc3.Whpk]);

        var result = Scheme.Verify(new(signed.Headers, signed.Body.Span), keys, WebhookReadParts.Identity);

        signed.Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName).Should().StartWith("v1a,");
        result.IsValid.Should().BeTrue(result.ToString());
        result.TimestampUnixMs.Should().Be(Now.ToUnixTimeMilliseconds());
        result.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedId(Id));
    }

    [Fact]
    public void The_32_byte_seed_and_the_64_byte_seed_and_public_key_forms_sign_alike()
    {
        var fromSeed = Sign(TestEd25519Keys.Rfc3.WhskSeed, Now);
        var fromFull = Sign(TestEd25519Keys.Rfc3.WhskFull, Now);

        fromSeed.Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName).Should().Be(fromFull.Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName));
    }

    [Fact]
    public void A_64_byte_private_key_whose_public_half_is_another_keys_is_refused()
    {
        var mismatched = "whsk_" + Convert.ToBase64String([.. TestEd25519Keys.Rfc3.Seed, .. TestEd25519Keys.Rfc1.PublicKey]);

        var create = () => Scheme.CreateKeyRing([Secret, mismatched]);

        create.Should().Throw<ArgumentException>().WithMessage("Secret 1 of the key ring*does not belong to its seed*").Which.Message.Should().NotContain(mismatched[5..]);
    }

    [Theory]
    [InlineData("whpk_")]
    [InlineData("whpk_!!!!")]
    [InlineData("whpk_AAAA")]
    [InlineData("whsk_AAAA")]
    [InlineData("whpk_/FHNjmIYoaONpH7QAjDwWAgW7RO6MwOsXeuRFUiQgCUA")]
    public void A_malformed_public_or_private_key_is_a_configuration_error_naming_its_position(string key)
    {
        var create = () => Scheme.CreateKeyRing([Secret, TestEd25519Keys.Rfc1.Whpk, key]);

        create.Should().Throw<ArgumentException>().WithMessage("Secret 2 of the key ring*");
    }

    /// <summary>The ring mixes secrets and public keys; each signature finds its own key, first, middle or last.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rotation_over_a_mixed_ring_reports_the_position_of_the_key_that_verified(int position)
    {
        var ring = new List<string> { TestEd25519Keys.Rfc1.Whpk, Secret, TestEd25519Keys.Rfc2.Whpk, TestEd25519Keys.Rfc3.Whpk };
        var signingKey = position switch
        {
            0 => TestEd25519Keys.Rfc1.WhskSeed,
            1 => Secret,
            2 => TestEd25519Keys.Rfc2.WhskFull,
            _ => TestEd25519Keys.Rfc3.WhskSeed,
        };
        using var keys = Scheme.CreateKeyRing(ring);
        var signed = Sign(signingKey, Now);

        Scheme.Verify(new(signed.Headers, signed.Body.Span), keys).MatchedKeyIndex.Should().Be(position);
    }

    /// <summary>A sender rolling from a secret to a key pair (or between key pairs) sends both; the valid entry may sit anywhere.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_valid_v1a_entry_verifies_first_in_the_middle_or_last_of_a_mixed_header(int position)
    {
        using var keys = Scheme.CreateKeyRing([TestEd25519Keys.Rfc1.Whpk]);
        var valid = Sign(TestEd25519Keys.Rfc1.WhskSeed, Now).Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName)!;
        var others = new List<string>
        {
            Sign(Secret, Now).Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName)!,
            Sign(TestEd25519Keys.Rfc2.WhskSeed, Now).Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName)!,
        };
        others.Insert(position, valid);

        var result = Verify(string.Join(' ', others), keys);

        result.IsValid.Should().BeTrue(result.ToString());
        result.MatchedKeyIndex.Should().Be(0);
    }

    [Fact]
    public void A_v1_signature_made_with_a_public_keys_bytes_never_verifies_against_that_public_key()
    {
        var publicKeyAsSecret = "whsec_" + Convert.ToBase64String(TestEd25519Keys.Rfc1.PublicKey);
        var hmac = Sign(publicKeyAsSecret, Now);
        using var publicKey = Scheme.CreateKeyRing([TestEd25519Keys.Rfc1.Whpk]);
        using var secret = Scheme.CreateKeyRing([publicKeyAsSecret]);

        Scheme.Verify(new(hmac.Headers, hmac.Body.Span), secret).IsValid.Should().BeTrue("the same bytes as a secret do match");
        Scheme.Verify(new(hmac.Headers, hmac.Body.Span), publicKey).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void A_v1a_signature_never_verifies_against_a_secret_holding_the_public_keys_bytes()
    {
        var asymmetric = Sign(TestEd25519Keys.Rfc1.WhskSeed, Now);
        using var secret = Scheme.CreateKeyRing(["whsec_" + Convert.ToBase64String(TestEd25519Keys.Rfc1.PublicKey)]);

        Scheme.Verify(new(asymmetric.Headers, asymmetric.Body.Span), secret).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void A_public_key_cannot_sign()
    {
        using var keys = Scheme.CreateKeyRing([TestEd25519Keys.Rfc1.Whpk, Secret]);

        var sign = () => Scheme.Sign(Body, keys, new() { Timestamp = Now, DeliveryId = Id });

        sign.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(-300, null)]
    [InlineData(300, null)]
    [InlineData(-301, WebhookFailureReason.TimestampTooOld)]
    [InlineData(301, WebhookFailureReason.TimestampTooNew)]
    public void The_window_applies_to_v1a_as_to_v1(int offsetSeconds, WebhookFailureReason? expected)
    {
        using var keys = Scheme.CreateKeyRing([TestEd25519Keys.Rfc3.Whpk]);
        var signed = Sign(TestEd25519Keys.Rfc3.WhskSeed, Now.AddSeconds(offsetSeconds));

        Scheme.Verify(new(signed.Headers, signed.Body.Span), keys).FailureReason.Should().Be(expected ?? WebhookFailureReason.None);
    }

    [Theory]
    [InlineData("v1a,AAAA", WebhookFailureReason.MalformedSignature)]
    [InlineData("v1a,", WebhookFailureReason.MalformedSignature)]
    [InlineData("v1a,!!!", WebhookFailureReason.MalformedSignature)]
    [InlineData("v1a", WebhookFailureReason.MalformedSignature)]
    [InlineData("v2,AAAA", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("V1A,SNRqSz/a9JgXJc/KLGHBO0MdAxxnZACbuPSy1Trog61xX/I1ULVH6PlgFn7iH8adAZkpg5cHAI9ZJidaPHj9AQ==", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("v1a,SNRqSz/a9JgXJc/KLGHBO0MdAxxnZACbuPSy1Trog61xX/I1ULVH6PlgFn7iH8adAZkpg5cHAI9ZJidaPHj9AQ==", WebhookFailureReason.SignatureMismatch)]
    [InlineData("v1a,/////////////////////////////////////////////////////////////////////////////////////w==", WebhookFailureReason.SignatureMismatch)]
    public void Malformed_v1a_entries_are_refused_with_their_reason_and_never_throw(string header, WebhookFailureReason expected)
    {
        using var keys = Scheme.CreateKeyRing([TestEd25519Keys.Rfc3.Whpk]);

        Verify(header, keys).FailureReason.Should().Be(expected);
    }

    [Fact]
    public void The_core_scheme_without_a_primitive_skips_v1a_and_keeps_verifying_v1()
    {
        var core = new StandardWebhooksSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(Now) });
        using var keys = core.CreateKeyRing([Secret]);
        var v1 = Sign(Secret, Now).Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName)!;
        var v1a = Sign(TestEd25519Keys.Rfc1.WhskSeed, Now).Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName)!;

        core.Verify(new(Headers(Id, "1764500000", $"{v1a} {v1}"), Body), keys).IsValid.Should().BeTrue();
        core.Verify(new(Headers(Id, "1764500000", v1a), Body), keys).FailureReason.Should().Be(WebhookFailureReason.UnsupportedAlgorithm);
        var signWithout = () => core.CreateKeyRing([TestEd25519Keys.Rfc1.WhskSeed]);
        signWithout.Should().Throw<ArgumentException>().WithMessage("*WebhookSignatures.Ed25519*");
    }

    private static SignedWebhook Sign(string key, DateTimeOffset at)
    {
        using var keys = Scheme.CreateKeyRing([key]);
        return Scheme.Sign(Body, keys, new() { Timestamp = at, DeliveryId = Id });
    }

    private static WebhookVerificationResult Verify(string signatureHeader, KeyRing keys) =>
        Scheme.Verify(new(new WebhookHeaders
            {
                { StandardWebhooksSignature.IdHeaderName, Id },
                { StandardWebhooksSignature.TimestampHeaderName, "1764500000" },
                { StandardWebhooksSignature.SignatureHeaderName, signatureHeader },
            }, Body), keys);

    private static WebhookHeaders Headers(string id, string timestamp, string signatures) => new()
    {
        { StandardWebhooksSignature.IdHeaderName, id },
        { StandardWebhooksSignature.TimestampHeaderName, timestamp },
        { StandardWebhooksSignature.SignatureHeaderName, signatures },
    };
}

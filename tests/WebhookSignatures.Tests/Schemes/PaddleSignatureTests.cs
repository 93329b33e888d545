using System.Globalization;
using WebhookSignatures.Schemes.Paddle;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Tests.Schemes;

public sealed class PaddleSignatureTests
{
    private static readonly byte[] Body = """{"event_id":"evt_01hv8wptq8987qeep44cyrewga","notification_id":"ntf_01hv8wptq8987qeep44cyrewgb","event_type":"transaction.completed","data":{}}"""u8.ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void During_a_rotation_the_matching_h1_verifies_in_the_first_middle_or_last_position(int position)
    {
        var paddle = TimestampedSchemes.Create(PaddleSignature.SchemeName);
        using var receiver = KeyRing.FromSecrets(TimestampedSchemes.Secrets[0]);
        var seconds = TimestampedSchemes.Now.ToUnixTimeSeconds();
        var h1s = new List<string> { Mac(seconds, "an-old-secret-no-longer-held-000"), Mac(seconds, "another-old-secret-not-held-0000") };
        h1s.Insert(position, Mac(seconds, TimestampedSchemes.Secrets[0]));
        var header = $"ts={seconds};" + string.Join(';', h1s.Select(h => "h1=" + h));

        var result = paddle.Verify(new(new WebhookHeaders { { PaddleSignature.SignatureHeaderName, header } }, Body), receiver);

        result.IsValid.Should().BeTrue(result.ToString());
        result.TimestampUnixMs.Should().Be(seconds * 1000);
    }

    [Fact]
    public void The_signed_event_id_identifies_a_delivery_and_event_type_names_it()
    {
        var paddle = TimestampedSchemes.Create(PaddleSignature.SchemeName);
        using var keys = KeyRing.FromSecrets(TimestampedSchemes.Secrets);
        var first = paddle.Sign(Body, keys);
        var retry = paddle.Sign(Body, keys, new() { Timestamp = TimestampedSchemes.Now.AddSeconds(30) });

        var id = paddle.Verify(new(first.Headers, Body), keys, WebhookReadParts.Identity).Identity;

        id.Should().Be(WebhookDeliveryIdentity.FromSignedId("evt_01hv8wptq8987qeep44cyrewga"));
        paddle.Verify(new(retry.Headers, Body), keys, WebhookReadParts.Identity).Identity.Should().Be(id);
        paddle.Verify(new(first.Headers, Body), keys, WebhookReadParts.Description).Description
            .Should().Be(new WebhookDeliveryDescription("transaction.completed", true, "evt_01hv8wptq8987qeep44cyrewga", true));
        first.Headers.GetValue(PaddleSignature.SignatureHeaderName).Should().MatchRegex("^ts=1700000000;h1=[0-9a-f]{64}$");
    }

    [Theory]
    [InlineData("h1=aa", WebhookFailureReason.MalformedSignature)]
    [InlineData("ts=1700000000", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("ts=1700000000;h2=00", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("ts=1700000000;;h1=00", WebhookFailureReason.MalformedSignature)]
    [InlineData("ts=1700000000;ts=1700000001;h1=00", WebhookFailureReason.MalformedSignature)]
    [InlineData("ts=x;h1=00", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=1700000000,v1=0000000000000000000000000000000000000000000000000000000000000000", WebhookFailureReason.MalformedSignature)]
    [InlineData("ts=1700000000;h1=zz", WebhookFailureReason.MalformedSignature)]
    [InlineData("  ", WebhookFailureReason.MissingSignature)]
    public void A_broken_header_is_refused_with_its_reason(string header, WebhookFailureReason expected)
    {
        var paddle = TimestampedSchemes.Create(PaddleSignature.SchemeName);
        using var keys = KeyRing.FromSecrets(TimestampedSchemes.Secrets);

        paddle.Verify(new(new WebhookHeaders { { PaddleSignature.SignatureHeaderName, header } }, Body), keys).FailureReason.Should().Be(expected);
    }

    [Fact]
    public void A_stripe_signature_over_the_same_secret_never_verifies_as_paddle()
    {
        using var keys = KeyRing.FromSecrets(TimestampedSchemes.Secrets);
        var stripe = StripeSignature.CreateSignatureHeader(1700000000, Body, keys.GetKey(0));
        var asPaddle = "ts=1700000000;h1=" + stripe[(stripe.IndexOf("v1=", StringComparison.Ordinal) + 3)..];

        TimestampedSchemes.Create(PaddleSignature.SchemeName).Verify(new(new WebhookHeaders { { PaddleSignature.SignatureHeaderName, asPaddle } }, Body), keys)
            .FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch, "Paddle signs <ts>:<body>, Stripe <t>.<body>");
    }

    private static string Mac(long seconds, string secret)
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(System.Text.Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(hmac.ComputeHash([.. System.Text.Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + ":"), .. Body]));
    }
}

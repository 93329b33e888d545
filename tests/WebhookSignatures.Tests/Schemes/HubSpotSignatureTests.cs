using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.HubSpot;

namespace WebhookSignatures.Tests.Schemes;

public sealed class HubSpotSignatureTests
{
    private const string ClientSecret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private static readonly WebhookRequestTarget Target = WebhookRequestTarget.Post(new Uri("https://hooks.acme.example/hubspot?portal=62515"));
    private static readonly byte[] Body = """[{"eventId":1,"subscriptionType":"contact.creation"}]"""u8.ToArray();

    [Fact]
    public void The_signature_is_the_base64_hmac_of_method_uri_body_and_timestamp()
    {
        var t = TimestampedSchemes.Now.ToUnixTimeMilliseconds();
        var expected = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(ClientSecret),
            Encoding.UTF8.GetBytes("POST" + Target.Url!.OriginalString + Encoding.UTF8.GetString(Body) + t.ToString(CultureInfo.InvariantCulture))));

        HubSpotSignature.CreateSignatureHeader("POST", Target.Url, Body, t, Encoding.UTF8.GetBytes(ClientSecret)).Should().Be(expected);
    }

    [Fact]
    public void The_listed_percent_encoded_characters_of_the_uri_are_decoded_before_signing()
    {
        var encoded = new Uri("https://hooks.acme.example/hubspot?redirect=https%3A%2F%2Fx.example%2Fa%3Fb%40c&keep=%20");
        var decoded = new Uri("https://hooks.acme.example/hubspot?redirect=https://x.example/a?b@c&keep=%20");
        var key = Encoding.UTF8.GetBytes(ClientSecret);

        HubSpotSignature.CreateSignatureHeader("POST", encoded, Body, 1, key).Should().Be(HubSpotSignature.CreateSignatureHeader("POST", decoded, Body, 1, key));
        HubSpotSignature.CreateSignatureHeader("POST", new Uri("https://hooks.acme.example/hubspot?keep=%20"), Body, 1, key)
            .Should().NotBe(HubSpotSignature.CreateSignatureHeader("POST", new Uri("https://hooks.acme.example/hubspot?keep= "), Body, 1, key));
    }

    [Theory]
    [InlineData(-300_000, true, WebhookFailureReason.None)]
    [InlineData(-300_001, false, WebhookFailureReason.TimestampTooOld)]
    [InlineData(300_000, true, WebhookFailureReason.None)]
    [InlineData(300_001, false, WebhookFailureReason.TimestampTooNew)]
    public void The_five_minute_window_holds_at_its_edges(long offsetMs, bool valid, WebhookFailureReason reason)
    {
        var clock = new FakeTimeProvider(TimestampedSchemes.Now);
        var scheme = new HubSpotSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets(ClientSecret);
        var signed = scheme.Sign(Body, keys, Target, TimestampedSchemes.Now.AddMilliseconds(offsetMs));

        var result = scheme.Verify(signed.Headers, Body, keys, Target);

        result.IsValid.Should().Be(valid);
        result.FailureReason.Should().Be(reason);
    }

    [Fact]
    public void Another_method_or_url_is_a_mismatch_and_no_url_fails_closed()
    {
        var scheme = new HubSpotSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) });
        using var keys = KeyRing.FromSecrets(ClientSecret);
        var signed = scheme.Sign(Body, keys, Target);

        scheme.Verify(signed.Headers, Body, keys, new WebhookRequestTarget("PUT", Target.Url!)).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        scheme.Verify(signed.Headers, Body, keys, WebhookRequestTarget.Post(new Uri("https://hooks.acme.example/hubspot?portal=1"))).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        scheme.Verify(signed.Headers, Body, keys).FailureReason.Should().Be(WebhookFailureReason.MissingRequestUrl);
    }

    [Theory]
    [InlineData(null, WebhookFailureReason.MissingSignature)]
    [InlineData("", WebhookFailureReason.MissingSignature)]
    [InlineData("-1", WebhookFailureReason.MalformedSignature)]
    [InlineData("1.5", WebhookFailureReason.MalformedSignature)]
    [InlineData("999999999999999999999999", WebhookFailureReason.MalformedSignature)]
    public void A_missing_or_malformed_timestamp_header_is_refused(string? timestamp, WebhookFailureReason reason)
    {
        using var keys = KeyRing.FromSecrets(ClientSecret);
        var headers = new WebhookHeaders { { HubSpotSignature.SignatureHeaderName, Convert.ToBase64String(new byte[32]) } };
        if (timestamp is not null)
        {
            headers.Add(HubSpotSignature.TimestampHeaderName, timestamp);
        }

        HubSpotSignature.Default.Verify(headers, Body, keys, Target).FailureReason.Should().Be(reason);
    }

    [Fact]
    public void The_identity_covers_the_url_and_the_signed_timestamp()
    {
        var result = default(WebhookVerificationResult);
        var at1 = new WebhookHeaders { { HubSpotSignature.TimestampHeaderName, "1" } };
        var at2 = new WebhookHeaders { { HubSpotSignature.TimestampHeaderName, "2" } };

        var first = HubSpotSignature.Default.IdentifyDelivery(at1, Body, result, Target);

        first.Should().Be(HubSpotSignature.Default.IdentifyDelivery(at1, Body, result, Target));
        first.Should().NotBe(HubSpotSignature.Default.IdentifyDelivery(at2, Body, result, Target));
        first.Should().NotBe(HubSpotSignature.Default.IdentifyDelivery(at1, Body, result, WebhookRequestTarget.Post(new Uri("https://hooks.acme.example/other"))));
    }
}

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
        var signed = scheme.Sign(Body, keys, new() { Target = Target, Timestamp = TimestampedSchemes.Now.AddMilliseconds(offsetMs) });

        var result = scheme.Verify(new(signed.Headers, Body, Target), keys);

        result.IsValid.Should().Be(valid);
        result.FailureReason.Should().Be(reason);
    }

    [Fact]
    public void Another_method_or_url_is_a_mismatch_and_no_url_fails_closed()
    {
        var scheme = new HubSpotSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) });
        using var keys = KeyRing.FromSecrets(ClientSecret);
        var signed = scheme.Sign(Body, keys, new() { Target = Target });

        scheme.Verify(new(signed.Headers, Body, new WebhookRequestTarget("PUT", Target.Url!)), keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        scheme.Verify(new(signed.Headers, Body, WebhookRequestTarget.Post(new Uri("https://hooks.acme.example/hubspot?portal=1"))), keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        scheme.Verify(new(signed.Headers, Body), keys).FailureReason.Should().Be(WebhookFailureReason.MissingRequestUrl);
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

        HubSpotSignature.Default.Verify(new(headers, Body, Target), keys).FailureReason.Should().Be(reason);
    }

    [Fact]
    public void The_identity_is_what_the_mac_covers_the_method_url_body_and_signed_timestamp()
    {
        var scheme = new HubSpotSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) });
        var other = WebhookRequestTarget.Post(new Uri("https://hooks.acme.example/other"));
        using var keys = KeyRing.FromSecrets(ClientSecret);
        var at1 = scheme.Sign(Body, keys, new() { Target = Target, Timestamp = TimestampedSchemes.Now });
        var at2 = scheme.Sign(Body, keys, new() { Target = Target, Timestamp = TimestampedSchemes.Now.AddMilliseconds(1) });
        var elsewhere = scheme.Sign(Body, keys, new() { Target = other, Timestamp = TimestampedSchemes.Now });

        var first = scheme.VerifySigned(at1, keys, WebhookReadParts.Identity, Target).Identity;

        first.Should().Be(WebhookDeliveryIdentity.FromSignedContent(
            Encoding.UTF8.GetBytes("POST" + Target.Url!.OriginalString), Body, Encoding.ASCII.GetBytes(TimestampedSchemes.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))));
        first.Should().Be(scheme.VerifySigned(at1, keys, WebhookReadParts.Identity, Target).Identity);
        first.Should().NotBe(scheme.VerifySigned(at2, keys, WebhookReadParts.Identity, Target).Identity);
        first.Should().NotBe(scheme.VerifySigned(elsewhere, keys, WebhookReadParts.Identity, other).Identity);
    }

    [Fact]
    public void A_delivery_that_names_no_event_is_described_as_such()
    {
        var scheme = new HubSpotSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) });
        using var keys = KeyRing.FromSecrets(ClientSecret);

        var result = scheme.VerifySigned(scheme.Sign(Body, keys, new() { Target = Target }), keys, WebhookReadParts.All, Target);

        result.IsValid.Should().BeTrue();
        result.Description.Should().Be(default(WebhookDeliveryDescription));
        result.Handshake.Should().BeNull();
    }
}

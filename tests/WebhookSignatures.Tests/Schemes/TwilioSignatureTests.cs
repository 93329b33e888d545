using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Schemes.Twilio;

namespace WebhookSignatures.Tests.Schemes;

public sealed class TwilioSignatureTests
{
    private const string AuthToken = "12345678901234567890123456789012";
    private static readonly Uri Url = new("https://mycompany.example/twilio/sms?tenant=acme");

    [Fact]
    public void The_signature_covers_the_url_and_the_parameters_sorted_by_name_as_Twilio_documents()
    {
        var body = "To=%2B15559870000&From=%2B15551230000&Body=Hi+there"u8.ToArray();
        var expected = Base64HmacSha1(AuthToken, Url.OriginalString + "BodyHi there" + "From+15551230000" + "To+15559870000");

        TwilioSignature.CreateSignatureHeader(Url, body, Encoding.UTF8.GetBytes(AuthToken)).Should().Be(expected);
    }

    [Fact]
    public void The_order_of_the_parameters_in_the_body_does_not_change_the_signature()
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var signed = TwilioSignature.Default.Sign("b=2&a=1"u8, keys, new() { Target = WebhookRequestTarget.Post(Url) });

        TwilioSignature.Default.Verify(new(signed.Headers, "a=1&b=2"u8, WebhookRequestTarget.Post(Url)), keys).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Repeated_parameters_are_signed_with_their_values_sorted()
    {
        var expected = Base64HmacSha1(AuthToken, Url.OriginalString + "a1a2b0");

        TwilioSignature.CreateSignatureHeader(Url, "a=2&b=0&a=1"u8, Encoding.UTF8.GetBytes(AuthToken)).Should().Be(expected);
    }

    [Theory]
    [InlineData("https://mycompany.example/twilio/sms?tenant=acme", "https://mycompany.example:443/twilio/sms?tenant=acme")]
    [InlineData("https://mycompany.example:443/twilio/sms?tenant=acme", "https://mycompany.example/twilio/sms?tenant=acme")]
    [InlineData("http://mycompany.example/sms", "http://mycompany.example:80/sms")]
    public void A_url_with_or_without_the_default_port_verifies_the_other_form(string signedUrl, string receivedUrl)
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var signed = TwilioSignature.Default.Sign("a=1"u8, keys, new() { Target = WebhookRequestTarget.Post(new Uri(signedUrl)) });

        TwilioSignature.Default.Verify(new(signed.Headers, "a=1"u8, WebhookRequestTarget.Post(new Uri(receivedUrl))), keys).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Another_port_is_another_url()
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var signed = TwilioSignature.Default.Sign("a=1"u8, keys, new() { Target = WebhookRequestTarget.Post(new Uri("https://mycompany.example/sms")) });

        TwilioSignature.Default.Verify(new(signed.Headers, "a=1"u8, WebhookRequestTarget.Post(new Uri("https://mycompany.example:8443/sms"))), keys)
            .FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void A_json_body_must_hash_to_the_urls_bodySHA256()
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var body = """{"event_type":"delivered"}"""u8.ToArray();
        var target = WebhookRequestTarget.Post(TwilioSignature.AddBodyHash(Url, body));
        var signed = TwilioSignature.Default.Sign(body, keys, new() { Target = target });

        TwilioSignature.Default.Verify(new(signed.Headers, body, target), keys).IsValid.Should().BeTrue();
        TwilioSignature.Default.Verify(new(signed.Headers, """{"event_type":"failed!!!"}"""u8, target), keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void A_bodySHA256_that_is_not_hex_is_malformed()
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var target = WebhookRequestTarget.Post(new Uri("https://mycompany.example/events?bodySHA256=zz"));
        var headers = new WebhookHeaders { { TwilioSignature.SignatureHeaderName, Base64HmacSha1(AuthToken, target.Url!.OriginalString) } };

        TwilioSignature.Default.Verify(new(headers, "{}"u8, target), keys).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }

    [Fact]
    public void The_signature_settings_header_switches_the_mac_to_hmac_sha256()
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var mac = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(Url.OriginalString + "a1")));
        var headers = new WebhookHeaders
        {
            { TwilioSignature.SignatureHeaderName, mac },
            { TwilioSignature.SignatureSettingsHeaderName, "key=KS123,algorithm=HMAC_SHA256" },
        };

        TwilioSignature.Default.Verify(new(headers, "a=1"u8, WebhookRequestTarget.Post(Url)), keys).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("algorithm=HMAC_SHA512", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("algorithm=HMAC_SHA256,algorithm=HMAC_SHA1", WebhookFailureReason.MalformedSignature)]
    public void A_settings_header_naming_another_or_several_algorithms_is_refused(string settings, WebhookFailureReason reason)
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var headers = new WebhookHeaders { { TwilioSignature.SignatureHeaderName, "AAAA" }, { TwilioSignature.SignatureSettingsHeaderName, settings } };

        TwilioSignature.Default.Verify(new(headers, "a=1"u8, WebhookRequestTarget.Post(Url)), keys).FailureReason.Should().Be(reason);
    }

    [Fact]
    public void Without_the_url_the_delivery_fails_closed_and_cannot_be_signed()
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var signed = TwilioSignature.Default.Sign("a=1"u8, keys, new() { Target = WebhookRequestTarget.Post(Url) });

        TwilioSignature.Default.Verify(new(signed.Headers, "a=1"u8), keys).FailureReason.Should().Be(WebhookFailureReason.MissingRequestUrl);
        var sign = () => TwilioSignature.Default.Sign("a=1"u8.ToArray(), keys);
        sign.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_identity_covers_the_url_and_the_sorted_parameters_as_the_mac_does()
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var here = WebhookRequestTarget.Post(Url);
        var other = WebhookRequestTarget.Post(new Uri("https://mycompany.example/other"));

        var identity = TwilioSignature.Default.SignAndRead("a=1&b=2"u8, keys, WebhookReadParts.Identity, new() { Target = here }).Identity;
        var elsewhere = TwilioSignature.Default.SignAndRead("a=1&b=2"u8, keys, WebhookReadParts.Identity, new() { Target = other }).Identity;
        var reordered = TwilioSignature.Default.SignAndRead("b=2&a=1"u8, keys, WebhookReadParts.Identity, new() { Target = here }).Identity;

        identity.Source.Should().Be(WebhookDeliveryIdentitySource.SignedContent);
        identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent(Encoding.UTF8.GetBytes(Url.OriginalString), "a1b2"u8));
        identity.Should().NotBe(elsewhere);
        identity.Should().Be(reordered, "the MAC covers the sorted parameters, not the body's order");
    }

    [Theory]
    [InlineData("https://mycompany.example/sms?x=1", "https://mycompany.example:443/sms?x=1")]
    [InlineData("https://mycompany.example:443/sms?x=1", "https://mycompany.example/sms?x=1")]
    public void The_identity_is_the_url_form_that_matched_so_both_spellings_of_the_port_are_one_delivery(string signedUrl, string otherSpelling)
    {
        using var keys = KeyRing.FromSecrets(AuthToken);
        var signed = TwilioSignature.Default.Sign("a=1"u8, keys, new() { Target = WebhookRequestTarget.Post(new Uri(signedUrl)) });

        var asSigned = TwilioSignature.Default.VerifySigned(signed, keys, WebhookReadParts.Identity, WebhookRequestTarget.Post(new Uri(signedUrl))).Identity;
        var respelled = TwilioSignature.Default.VerifySigned(signed, keys, WebhookReadParts.Identity, WebhookRequestTarget.Post(new Uri(otherSpelling))).Identity;

        asSigned.Should().Be(WebhookDeliveryIdentity.FromSignedContent(Encoding.UTF8.GetBytes(signedUrl), "a1"u8), "the URL the MAC matched is the one the sender signed");
        respelled.Should().Be(asSigned);
    }

    private static string Base64HmacSha1(string key, string data)
    {
#pragma warning disable CA5350 // Twilio's default MAC.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350
    }
}

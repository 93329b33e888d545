using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.Zoom;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>Slack and Zoom: one implementation, their differences as data.</summary>
public sealed class SlackStyleSignatureTests
{
    // Slack's documentation example: a slash command, form-encoded.
    private const string SlackDocsSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string SlackDocsBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string SlackDocsSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    public static TheoryData<string> Names => [SlackSignature.SchemeName, ZoomSignature.SchemeName];

    [Fact]
    public void Slacks_documented_slash_command_verifies_as_its_form_encoded_bytes()
    {
        var slack = new SlackSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618)) });
        using var keys = KeyRing.FromSecrets(SlackDocsSecret);

        var result = Verify(slack, SlackDocsSignature, "1531420618", Encoding.UTF8.GetBytes(SlackDocsBody), keys);

        result.IsValid.Should().BeTrue(result.ToString());
        result.TimestampUnixMs.Should().Be(1531420618000);
        SlackStyleSignature.CreateSignature(1531420618, Encoding.UTF8.GetBytes(SlackDocsBody), keys.GetKey(0)).Should().Be(SlackDocsSignature);
    }

    [Fact]
    public void A_form_encoded_body_describes_nothing_and_is_identified_by_what_the_mac_covers()
    {
        var slack = TimestampedSchemes.Create(SlackSignature.SchemeName);
        using var keys = KeyRing.FromSecrets(TimestampedSchemes.Secrets);
        var body = "command=%2Fweather&text=94070"u8.ToArray();
        var first = slack.Sign(body, keys);
        var later = slack.Sign(body, keys, new() { Timestamp = TimestampedSchemes.Now.AddSeconds(1) });

        var id = slack.Verify(new(first.Headers, body), keys, WebhookReadParts.Identity).Identity;

        slack.Verify(new(first.Headers, body), keys, WebhookReadParts.Description).Description.Should().Be(default(WebhookDeliveryDescription));
        id.Source.Should().Be(WebhookDeliveryIdentitySource.SignedContent);
        id.Should().Be(WebhookDeliveryIdentity.FromSignedContent(Encoding.ASCII.GetBytes($"v0:{TimestampedSchemes.Now.ToUnixTimeSeconds()}:"), body));
        slack.Verify(new(later.Headers, body), keys, WebhookReadParts.Identity).Identity.Should().NotBe(id, "another timestamp is other signed content");
    }

    [Fact]
    public void An_events_api_body_is_identified_by_its_signed_event_id_across_retries()
    {
        var slack = TimestampedSchemes.Create(SlackSignature.SchemeName);
        using var keys = KeyRing.FromSecrets(TimestampedSchemes.Secrets);
        var body = """{"type":"event_callback","event_id":"Ev08MFMKH6","event":{"type":"app_mention"}}"""u8.ToArray();
        var first = slack.Sign(body, keys);
        var retry = slack.Sign(body, keys, new() { Timestamp = TimestampedSchemes.Now.AddSeconds(60) });

        var id = slack.Verify(new(first.Headers, body), keys, WebhookReadParts.Identity).Identity;

        id.Should().Be(WebhookDeliveryIdentity.FromSignedId("Ev08MFMKH6"));
        slack.Verify(new(retry.Headers, body), keys, WebhookReadParts.Identity).Identity.Should().Be(id);
        slack.Verify(new(first.Headers, body), keys, WebhookReadParts.Description).Description
            .Should().Be(new WebhookDeliveryDescription("app_mention", true, "Ev08MFMKH6", true));
    }

    [Fact]
    public void Zoom_reads_its_event_and_identifies_by_signed_content_even_with_an_id_member()
    {
        var zoom = TimestampedSchemes.Create(ZoomSignature.SchemeName);
        using var keys = KeyRing.FromSecrets(TimestampedSchemes.Secrets);
        var body = """{"event":"meeting.started","event_id":"not-used","event_ts":1700000000000}"""u8.ToArray();
        var signed = zoom.Sign(body, keys);

        zoom.Verify(new(signed.Headers, body), keys, WebhookReadParts.Description).Description
            .Should().Be(new WebhookDeliveryDescription("meeting.started", true, null, false));
        zoom.Verify(new(signed.Headers, body), keys, WebhookReadParts.Identity).Identity.Source.Should().Be(WebhookDeliveryIdentitySource.SignedContent);
        signed.Headers.Select(h => h.Key).Should().Equal(ZoomSignature.SignatureHeaderName, ZoomSignature.TimestampHeaderName);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_slack_signature_never_verifies_as_zoom_or_the_reverse_without_the_other_headers(string name)
    {
        var scheme = TimestampedSchemes.Create(name);
        var other = TimestampedSchemes.Create(name == SlackSignature.SchemeName ? ZoomSignature.SchemeName : SlackSignature.SchemeName);
        using var keys = KeyRing.FromSecrets(TimestampedSchemes.Secrets);
        var signed = scheme.Sign(TimestampedSchemes.Body, keys);

        other.Verify(new(signed.Headers, signed.Body.Span), keys).FailureReason.Should().Be(WebhookFailureReason.MissingSignature);
    }

    public static TheoryData<string, string?, string?, WebhookFailureReason> MalformedHeaders()
    {
        var hex = new string('a', 64);
        var data = new TheoryData<string, string?, string?, WebhookFailureReason>();
        foreach (var name in new[] { SlackSignature.SchemeName, ZoomSignature.SchemeName })
        {
            data.Add(name, null, "1700000000", WebhookFailureReason.MissingSignature);
            data.Add(name, " \t", "1700000000", WebhookFailureReason.MissingSignature);
            data.Add(name, "v0=" + hex, null, WebhookFailureReason.MissingSignature);
            data.Add(name, "v0=" + hex, " ", WebhookFailureReason.MissingSignature);
            data.Add(name, "v1=" + hex, "1700000000", WebhookFailureReason.UnsupportedAlgorithm);
            data.Add(name, "v0=" + hex[..63], "1700000000", WebhookFailureReason.MalformedSignature);
            data.Add(name, "v0=" + hex + "a", "1700000000", WebhookFailureReason.MalformedSignature);
            data.Add(name, "v0:" + hex, "1700000000", WebhookFailureReason.MalformedSignature);
            data.Add(name, hex, "1700000000", WebhookFailureReason.MalformedSignature);
            data.Add(name, "v0=" + hex + ", v0=" + hex, "1700000000", WebhookFailureReason.MalformedSignature);
            data.Add(name, "v0=" + hex, "-1700000000", WebhookFailureReason.MalformedSignature);
            data.Add(name, "v0=" + hex, "1700000000.5", WebhookFailureReason.MalformedSignature);
            data.Add(name, "v0=" + hex, "99999999999999999999", WebhookFailureReason.MalformedSignature);
            data.Add(name, "v0=" + hex, "1700000000, 1700000001", WebhookFailureReason.MalformedSignature);
            data.Add(name, "v0=" + hex, "١٧٠٠٠٠٠٠٠٠", WebhookFailureReason.MalformedSignature);
            data.Add(name, "v0=" + hex, "1700000000", WebhookFailureReason.SignatureMismatch);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void A_broken_header_is_refused_with_its_reason_and_never_throws(string name, string? signature, string? timestamp, WebhookFailureReason expected)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var keys = KeyRing.FromSecrets(TimestampedSchemes.Secrets);
        var headers = new WebhookHeaders();
        if (signature is not null)
        {
            headers.Add(scheme.HeaderNames[0], signature);
        }

        if (timestamp is not null)
        {
            headers.Add(scheme.HeaderNames[1], timestamp);
        }

        var result = scheme.Verify(new(headers, TimestampedSchemes.Body), keys, WebhookReadParts.All);

        result.FailureReason.Should().Be(expected);
        result.Identity.IsEmpty.Should().BeTrue();
        result.Description.Should().Be(default(WebhookDeliveryDescription));
        result.Handshake.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Leading_zeros_in_the_timestamp_are_signed_as_sent(string name)
    {
        var scheme = (SlackStyleSignature)TimestampedSchemes.Create(name);
        using var keys = KeyRing.FromSecrets(TimestampedSchemes.Secrets);
        var seconds = TimestampedSchemes.Now.ToUnixTimeSeconds();
        using var hmac = new System.Security.Cryptography.HMACSHA256(keys.GetKey(0).ToArray());
        var mac = hmac.ComputeHash([.. Encoding.ASCII.GetBytes($"v0:0{seconds}:"), .. TimestampedSchemes.Body]);

        var padded = Verify(scheme, "v0=" + Convert.ToHexStringLower(mac), "0" + seconds, TimestampedSchemes.Body, keys, WebhookReadParts.Identity);
        var reformatted = Verify(scheme, "v0=" + Convert.ToHexStringLower(mac), seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), TimestampedSchemes.Body, keys);

        padded.IsValid.Should().BeTrue(padded.ToString());
        padded.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent(Encoding.ASCII.GetBytes($"v0:0{seconds}:"), TimestampedSchemes.Body), "the identity is what the MAC covered, as sent");
        reformatted.FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    /// <summary>Verifies a delivery from the values of the scheme's signature and timestamp headers.</summary>
    private static WebhookVerificationResult Verify(
        WebhookScheme scheme, string signature, string timestamp, byte[] body, KeyRing keys, WebhookReadParts parts = WebhookReadParts.None) =>
        scheme.Verify(new(new WebhookHeaders { { scheme.HeaderNames[0], signature }, { scheme.HeaderNames[1], timestamp } }, body), keys, parts);
}

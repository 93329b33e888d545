using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Schemes.Twitch;
using WebhookSignatures.Schemes.Zoom;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>The senders' handshakes, answered by the scheme for verified deliveries only.</summary>
public sealed class HandshakeTests
{
    private static readonly byte[] SlackChallenge = """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"""u8.ToArray();
    private static readonly byte[] ZoomValidation = """{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}"""u8.ToArray();
    private static readonly byte[] TwitchChallenge = """{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"type":"channel.follow"}}"""u8.ToArray();

    [Fact]
    public void A_verified_slack_url_verification_is_answered_with_its_challenge_as_plain_text()
    {
        var (scheme, headers, keys) = Signed(SlackSignature.SchemeName, SlackChallenge);
        using (keys)
        {
            var answer = Answer(scheme, headers, SlackChallenge, keys);

            answer.Should().NotBeNull();
            answer!.StatusCode.Should().Be(200);
            answer.ContentType.Should().Be("text/plain; charset=utf-8");
            Encoding.UTF8.GetString(answer.Body.Span).Should().Be("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_verified_zoom_url_validation_is_answered_with_the_token_hashed_under_the_secret_that_verified_it(int signingIndex)
    {
        var zoom = TimestampedSchemes.Create(ZoomSignature.SchemeName);
        using var signer = KeyRing.FromSecrets(TimestampedSchemes.Secrets[signingIndex]);
        using var receiver = KeyRing.FromSecrets(TimestampedSchemes.Secrets);
        var signed = zoom.Sign(ZoomValidation, signer);

        var answer = Answer(zoom, signed.Headers, ZoomValidation, receiver);

        answer!.ContentType.Should().Be("application/json");
        using var json = JsonDocument.Parse(answer.Body);
        json.RootElement.GetProperty("plainToken").GetString().Should().Be("qgg8vlvZRS6UYooatFL8Aw");
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(TimestampedSchemes.Secrets[signingIndex]), "qgg8vlvZRS6UYooatFL8Aw"u8);
        json.RootElement.GetProperty("encryptedToken").GetString().Should().Be(Convert.ToHexStringLower(expected));
    }

    [Fact]
    public void A_verified_twitch_callback_verification_is_answered_with_its_challenge()
    {
        var (scheme, headers, keys) = Signed(TwitchSignature.SchemeName, TwitchChallenge, TwitchSignature.CallbackVerificationMessageType);
        using (keys)
        {
            var answer = Answer(scheme, headers, TwitchChallenge, keys);

            answer!.StatusCode.Should().Be(200);
            answer.ContentType.Should().StartWith("text/plain");
            Encoding.UTF8.GetString(answer.Body.Span).Should().Be("pogchamp-kappa-360noscope-vohiyo");
        }
    }

    [Theory]
    [InlineData("notification")]
    [InlineData("revocation")]
    [InlineData(null)]
    public void A_signed_twitch_challenge_body_is_answered_whatever_the_unsigned_message_type_says(string? messageType)
    {
        // A verification replayed with its type header changed to "notification" must not reach the handler.
        var (scheme, headers, keys) = Signed(TwitchSignature.SchemeName, TwitchChallenge, messageType);
        using (keys)
        {
            Encoding.UTF8.GetString(Answer(scheme, headers, TwitchChallenge, keys)!.Body.Span).Should().Be("pogchamp-kappa-360noscope-vohiyo");
        }
    }

    [Fact]
    public void A_twitch_callback_verification_header_over_a_body_without_a_challenge_is_not_a_handshake()
    {
        var body = """{"subscription":{"type":"channel.follow"},"event":{}}"""u8.ToArray();
        var (scheme, headers, keys) = Signed(TwitchSignature.SchemeName, body, TwitchSignature.CallbackVerificationMessageType);
        using (keys)
        {
            Answer(scheme, headers, body, keys).Should().BeNull();
        }
    }

    public static TheoryData<string, string> HandshakeBodies => new()
    {
        { SlackSignature.SchemeName, Encoding.UTF8.GetString(SlackChallenge) },
        { ZoomSignature.SchemeName, Encoding.UTF8.GetString(ZoomValidation) },
        { TwitchSignature.SchemeName, Encoding.UTF8.GetString(TwitchChallenge) },
    };

    [Theory]
    [MemberData(nameof(HandshakeBodies))]
    public void A_forged_tampered_or_unsigned_handshake_gets_no_answer(string name, string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        var (scheme, headers, keys) = Signed(name, body, TwitchSignature.CallbackVerificationMessageType);
        using (keys)
        using (var wrong = KeyRing.FromSecrets("a-secret-the-sender-never-had-0000"))
        {
            // One letter of the challenge (or Zoom's plainToken) changed: still JSON, still a handshake, no longer signed.
            var tampered = (byte[])body.Clone();
            var value = text.IndexOf(name == ZoomSignature.SchemeName ? "qgg8" : name == SlackSignature.SchemeName ? "3eZb" : "pogchamp", StringComparison.Ordinal);
            tampered[value] ^= 0x20;
            Encoding.UTF8.GetString(tampered).Should().NotBe(text);
            var unsigned = new WebhookHeaders { { TwitchSignature.MessageTypeHeaderName, TwitchSignature.CallbackVerificationMessageType } };

            Answer(scheme, headers, body, wrong).Should().BeNull();
            Answer(scheme, headers, tampered, keys).Should().BeNull();
            Answer(scheme, unsigned, body, keys).Should().BeNull();
        }
    }

    [Theory]
    [MemberData(nameof(HandshakeBodies))]
    public void A_handshake_whose_signed_timestamp_is_outside_the_window_gets_no_answer_though_its_key_matched(string name, string text)
    {
        // A captured handshake replayed later: the MAC matches, the window refuses it, and nothing is built from it.
        var body = Encoding.UTF8.GetBytes(text);
        var (scheme, headers, keys) = Signed(name, body, TwitchSignature.CallbackVerificationMessageType);
        using (keys)
        {
            var later = TimestampedSchemes.Create(name, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimestampedSchemes.Now.AddHours(1)));

            var result = later.Verify(new(headers, body), keys, WebhookReadParts.Handshake);

            result.FailureReason.Should().Be(WebhookFailureReason.TimestampTooOld);
            result.MatchedKeyIndex.Should().NotBeNull();
            result.Handshake.Should().BeNull();
        }
    }

    [Theory]
    [MemberData(nameof(HandshakeBodies))]
    public void A_handshake_is_answered_only_when_the_answer_is_asked_for(string name, string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        var (scheme, headers, keys) = Signed(name, body, TwitchSignature.CallbackVerificationMessageType);
        using (keys)
        {
            scheme.Verify(new(headers, body), keys).Handshake.Should().BeNull("a bare verification reads no part");
            scheme.Verify(new(headers, body), keys, WebhookReadParts.Identity | WebhookReadParts.Description).Handshake.Should().BeNull();
            scheme.Verify(new(headers, body), keys, WebhookReadParts.All).Handshake.Should().NotBeNull();
        }
    }

    [Fact]
    public void An_ordinary_delivery_and_a_scheme_without_handshakes_get_no_answer()
    {
        var ordinary = """{"type":"event_callback","event_id":"Ev1","challenge":"not-a-handshake"}"""u8.ToArray();
        var (slack, slackHeaders, slackKeys) = Signed(SlackSignature.SchemeName, ordinary);
        var (stripe, stripeHeaders, stripeKeys) = Signed(StripeSignature.SchemeName, SlackChallenge);
        using (slackKeys)
        using (stripeKeys)
        {
            Answer(slack, slackHeaders, ordinary, slackKeys).Should().BeNull();
            Answer(stripe, stripeHeaders, SlackChallenge, stripeKeys).Should().BeNull();
        }
    }

    [Fact]
    public void A_form_encoded_slack_body_is_never_a_handshake()
    {
        var form = "type=url_verification&challenge=abc"u8.ToArray();
        var (scheme, headers, keys) = Signed(SlackSignature.SchemeName, form);
        using (keys)
        {
            Answer(scheme, headers, form, keys).Should().BeNull();
        }
    }

    [Fact]
    public void A_zoom_validation_without_a_plain_token_string_is_not_answered()
    {
        var body = """{"payload":{"plainToken":42},"event":"endpoint.url_validation"}"""u8.ToArray();
        var (scheme, headers, keys) = Signed(ZoomSignature.SchemeName, body);
        using (keys)
        {
            Answer(scheme, headers, body, keys).Should().BeNull();
        }
    }

    [Fact]
    public void A_handshake_answer_must_be_a_success_status()
    {
        FluentActions.Invoking(() => new WebhookHandshakeResponse(401, "text/plain", default)).Should().Throw<ArgumentOutOfRangeException>();
        WebhookHandshakeResponse.Json("""{"type":1}"""u8.ToArray()).ContentType.Should().Be("application/json");
    }

    private static (WebhookScheme Scheme, WebhookHeaders Headers, KeyRing Keys) Signed(string name, byte[] body, string? twitchMessageType = null)
    {
        var scheme = TimestampedSchemes.Create(name);
        var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
        var signed = scheme.Sign(body, keys);
        var headers = new WebhookHeaders();
        foreach (var (header, value) in signed.Headers)
        {
            if (!string.Equals(header, TwitchSignature.MessageTypeHeaderName, StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(header, value);
            }
        }

        if (twitchMessageType is not null && scheme is TwitchSignature)
        {
            headers.Add(TwitchSignature.MessageTypeHeaderName, twitchMessageType);
        }

        return (scheme, headers, keys);
    }

    /// <summary>What a receiver does: verify, asking for a handshake's answer.</summary>
    private static WebhookHandshakeResponse? Answer(WebhookScheme scheme, WebhookHeaders headers, byte[] body, KeyRing keys) =>
        scheme.Verify(new(headers, body), keys, WebhookReadParts.Handshake).Handshake;
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Twitch;

namespace WebhookSignatures.Tests.Schemes;

public sealed class TwitchSignatureTests
{
    private const string Id = "e76c6bd4-55c9-4987-8304-da1588d8988b";
    private const string Secret = "twitch-eventsub-secret-0123456789";
    private static readonly byte[] Body = """{"subscription":{"type":"channel.follow"},"event":{"user_id":"1337"}}"""u8.ToArray();

    public static TheoryData<string, long> SignedTimestamps => new()
    {
        { "2023-11-14T22:13:20.123456789Z", 1_700_000_000_123 },
        { "2023-11-14T22:13:20Z", 1_700_000_000_000 },
        { "2023-11-14T22:13:20.1Z", 1_700_000_000_100 },
        { "2023-11-14t22:13:20.999999999z", 1_700_000_000_999 },
        { "2023-11-15T00:13:20.5+02:00", 1_700_000_000_500 },
        { "2023-11-14T20:43:20-01:30", 1_700_000_000_000 },
    };

    [Theory]
    [MemberData(nameof(SignedTimestamps))]
    public void A_timestamp_is_signed_as_sent_and_read_to_the_millisecond(string timestamp, long expectedUnixMs)
    {
        var twitch = new TwitchSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)) });
        using var keys = KeyRing.FromSecrets(Secret);

        var result = Verify(twitch, Id, timestamp, Sign(Id, timestamp), Body, keys);

        result.IsValid.Should().BeTrue(result.ToString());
        result.TimestampUnixMs.Should().Be(expectedUnixMs);
        TwitchSignature.CreateSignatureHeader(Id, timestamp, Body, keys.GetKey(0)).Should().Be(Sign(Id, timestamp));
    }

    public static TheoryData<string> BrokenTimestamps =>
    [
        "2023-11-14 22:13:20Z", "2023-11-14T22:13:20", "2023-11-14T22:13:20.Z", "2023-11-14T22:13:20.1234567890Z",
        "2023-02-29T22:13:20Z", "2023-13-14T22:13:20Z", "2023-11-14T24:00:00Z", "2023-11-14T22:60:20Z", "2023-11-14T23:59:60Z",
        "0000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2023-11-14T22:13:20+2:00", "2023-11-14T22:13:20+24:00",
        "2023-11-14T22:13:20+02:60", "2023-11-14T22:13:20.123456789Z ", "1700000000", "２０２３-11-14T22:13:20Z", "2023-11-14T22:13:20Zjunk",
        "2023-11-14T22:13:20.123456789+00:00x", "-023-11-14T22:13:20Z", "2023-11-14T22:13:20,5Z",
    ];

    [Theory]
    [MemberData(nameof(BrokenTimestamps))]
    public void A_timestamp_that_is_not_rfc_3339_is_malformed_and_never_throws(string timestamp)
    {
        using var keys = KeyRing.FromSecrets(Secret);

        var result = Verify(TwitchSignature.Default, Id, timestamp.TrimEnd(), Sign(Id, timestamp), Body, keys);

        result.FailureReason.Should().Be(timestamp.EndsWith(' ') ? WebhookFailureReason.SignatureMismatch : WebhookFailureReason.MalformedSignature);
    }

    [Theory]
    [InlineData(null, "2023-11-14T22:13:20Z", WebhookFailureReason.MissingSignature)]
    [InlineData(Id, null, WebhookFailureReason.MissingSignature)]
    [InlineData(Id + " extra", "2023-11-14T22:13:20Z", WebhookFailureReason.MalformedSignature)]
    [InlineData("idé", "2023-11-14T22:13:20Z", WebhookFailureReason.MalformedSignature)]
    public void A_missing_or_unprintable_id_and_a_missing_timestamp_are_refused(string? id, string? timestamp, WebhookFailureReason expected)
    {
        using var keys = KeyRing.FromSecrets(Secret);

        Verify(TwitchSignature.Default, id, timestamp, "sha256=" + new string('0', 64), Body, keys).FailureReason.Should().Be(expected);
    }

    [Fact]
    public void An_id_longer_than_the_limit_is_malformed()
    {
        using var keys = KeyRing.FromSecrets(Secret);

        Verify(TwitchSignature.Default, new string('a', TwitchSignature.MaxMessageIdLength + 1), "2023-11-14T22:13:20Z", "sha256=" + new string('0', 64), Body, keys)
            .FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }

    [Theory]
    [InlineData("sha1=0000000000000000000000000000000000000000", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("sha256=00", WebhookFailureReason.MalformedSignature)]
    [InlineData("SHA256=0000000000000000000000000000000000000000000000000000000000000000", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", WebhookFailureReason.MalformedSignature)]
    public void A_signature_header_in_another_form_is_refused(string signature, WebhookFailureReason expected)
    {
        using var keys = KeyRing.FromSecrets(Secret);

        Verify(TwitchSignature.Default, Id, "2023-11-14T22:13:20Z", signature, Body, keys).FailureReason.Should().Be(expected);
    }

    [Theory]
    [InlineData(0, WebhookFailureReason.None)]
    [InlineData(600_000, WebhookFailureReason.None)]
    [InlineData(600_001, WebhookFailureReason.TimestampTooOld)]
    [InlineData(-600_000, WebhookFailureReason.None)]
    [InlineData(-600_001, WebhookFailureReason.TimestampTooNew)]
    public void The_default_window_is_twitchs_ten_minutes_both_ways(long clockOffsetMs, WebhookFailureReason expected)
    {
        var twitch = new TwitchSignature(null);
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + clockOffsetMs));
        var scheme = (TwitchSignature)WebhookSchemeCatalog.BuiltIn.Get(TwitchSignature.SchemeName).Create(new WebhookSchemeOptions { TimeProvider = clock, Tolerance = twitch.Tolerance });
        using var keys = KeyRing.FromSecrets(Secret);

        var result = Verify(scheme, Id, "2023-11-14T22:13:20Z", Sign(Id, "2023-11-14T22:13:20Z"), Body, keys);

        twitch.Tolerance.Should().Be(TimeSpan.FromMinutes(10));
        WebhookSchemeCatalog.BuiltIn.Get(TwitchSignature.SchemeName).DefaultTolerance.Should().Be(TimeSpan.FromMinutes(10));
        result.FailureReason.Should().Be(expected);
    }

    [Fact]
    public void A_resent_message_keeps_its_identity_by_the_signed_message_id()
    {
        var twitch = TimestampedSchemes.Create(TwitchSignature.SchemeName);
        using var keys = KeyRing.FromSecrets(Secret);
        var first = twitch.Sign(Body, keys, new() { DeliveryId = Id });
        var resent = twitch.Sign(Body, keys, new() { Timestamp = TimestampedSchemes.Now.AddSeconds(90), DeliveryId = Id });

        var id = twitch.Verify(new(first.Headers, Body), keys, WebhookReadParts.Identity).Identity;

        id.Should().Be(WebhookDeliveryIdentity.FromSignedId(Id));
        twitch.Verify(new(resent.Headers, Body), keys, WebhookReadParts.Identity).Identity.Should().Be(id);
        first.Headers.GetValue(TwitchSignature.TimestampHeaderName).Should().Be("2023-11-14T22:13:20.000000000Z");
        first.Headers.GetValue(TwitchSignature.MessageTypeHeaderName).Should().Be("notification");
    }

    [Fact]
    public void The_event_is_the_subscription_type_header_and_the_delivery_the_message_id()
    {
        var twitch = TimestampedSchemes.Create(TwitchSignature.SchemeName);
        using var keys = KeyRing.FromSecrets(Secret);
        var headers = twitch.Sign(Body, keys, new() { DeliveryId = Id }).Headers;
        headers.Add(TwitchSignature.SubscriptionTypeHeaderName, "channel.follow");

        twitch.Verify(new(headers, Body), keys, WebhookReadParts.Description).Description
            .Should().Be(new WebhookDeliveryDescription("channel.follow", false, Id, true), "the type header is not signed, the message id is");
    }

    [Fact]
    public void Signing_refuses_an_id_twitch_could_not_send()
    {
        using var keys = KeyRing.FromSecrets(Secret);

        TwitchSignature.Default.Invoking(s => s.Sign(Body, keys, new() { DeliveryId = "has space" })).Should().Throw<ArgumentException>();
    }

    private static string Sign(string id, string timestamp)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        return "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.UTF8.GetBytes(id + timestamp), .. Body]));
    }

    /// <summary>Verifies a delivery from the values of Twitch's three headers; a null one is absent.</summary>
    private static WebhookVerificationResult Verify(WebhookScheme twitch, string? id, string? timestamp, string signature, byte[] body, KeyRing keys)
    {
        var headers = new WebhookHeaders { { TwitchSignature.SignatureHeaderName, signature } };
        if (id is not null)
        {
            headers.Add(TwitchSignature.MessageIdHeaderName, id);
        }

        if (timestamp is not null)
        {
            headers.Add(TwitchSignature.TimestampHeaderName, timestamp);
        }

        return twitch.Verify(new(headers, body), keys);
    }
}

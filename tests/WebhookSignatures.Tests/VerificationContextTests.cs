using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Tests;

/// <summary>
/// The toolkit a scheme verifies with, exercised through a scheme that runs one probe: every key against every received
/// MAC, the first failure standing, the window applied at the end, and the identity being what the first matching MAC
/// covered unless a signed id names it.
/// </summary>
public sealed class VerificationContextTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] Body = "body"u8.ToArray();

    private delegate void Probe(ref WebhookVerificationContext context);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_match_is_found_at_any_position_and_names_the_key(int position)
    {
        using var keys = KeyRing.FromSecrets("old", "current");
        var candidates = new byte[3 * WebhookHmac.Sha256Length];
        WebhookHmac.ComputeSha256(keys.GetKey(1), "p."u8, Body, candidates.AsSpan(position * WebhookHmac.Sha256Length));
        var matched = false;

        var result = Verify(keys, WebhookReadParts.Identity, (ref WebhookVerificationContext c) =>
        {
            matched = c.MatchHmacSha256("p."u8, candidates);
            (c.IsMatched, c.MatchedKeyIndex).Should().Be((true, 1));
        });

        matched.Should().BeTrue();
        (result.IsValid, result.MatchedKeyIndex).Should().Be((true, 1));
        result.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent("p."u8, Body), "what the MAC covered, never the MAC");
    }

    [Fact]
    public void No_match_is_a_mismatch_and_a_scheme_may_try_another_form_first()
    {
        using var keys = KeyRing.FromSecrets("current");
        var mac = new byte[WebhookHmac.Sha256Length];
        WebhookHmac.ComputeSha256(keys.GetKey(0), "second."u8, Body, mac);

        Verify(keys, WebhookReadParts.None, (ref WebhookVerificationContext c) => c.MatchHmacSha256("first."u8, mac).Should().BeFalse())
            .FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        var result = Verify(keys, WebhookReadParts.Identity, (ref WebhookVerificationContext c) =>
        {
            c.MatchHmacSha256("first."u8, mac).Should().BeFalse();
            c.IsMatched.Should().BeFalse();
            c.MatchedKeyIndex.Should().Be(-1);
            c.MatchHmacSha256("second."u8, mac).Should().BeTrue();
        });

        result.IsValid.Should().BeTrue();
        result.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent("second."u8, Body), "the form that verified");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Candidates_that_are_not_whole_macs_are_the_schemes_bug_not_the_senders(int length)
    {
        using var keys = KeyRing.FromSecrets("current");

        var verify = () => Verify(keys, WebhookReadParts.None, (ref WebhookVerificationContext c) => c.MatchHmacSha256(default, new byte[length]));

        verify.Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Verify(keys, WebhookReadParts.None, (ref WebhookVerificationContext c) => c.MatchHmacSha1(default, Body, new byte[32])))
            .Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_first_failure_stands_even_after_a_match()
    {
        using var keys = KeyRing.FromSecrets("current");
        var mac = HMACSHA256.HashData(keys.GetKey(0).ToArray(), Body);

        var result = Verify(keys, WebhookReadParts.All, (ref WebhookVerificationContext c) =>
        {
            c.MatchHmacSha256(default, mac).Should().BeTrue();
            c.Fail(WebhookFailureReason.TimestampNotSigned).Should().BeFalse();
            c.Fail(WebhookFailureReason.MalformedSignature);
            c.IsMatched.Should().BeFalse();
            c.MatchHmacSha256(default, mac).Should().BeFalse("a match after a failure does not undo it");
        });

        result.FailureReason.Should().Be(WebhookFailureReason.TimestampNotSigned);
        result.Identity.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData(-300_000, WebhookFailureReason.None)]
    [InlineData(-300_001, WebhookFailureReason.TimestampTooOld)]
    [InlineData(300_001, WebhookFailureReason.TimestampTooNew)]
    public void The_window_is_applied_to_the_recorded_timestamp_when_the_result_is_made_and_the_key_is_kept(long offsetMs, WebhookFailureReason expected)
    {
        using var keys = KeyRing.FromSecrets("current");
        var mac = HMACSHA256.HashData(keys.GetKey(0).ToArray(), Body);
        var signed = Now.ToUnixTimeMilliseconds() + offsetMs;

        var result = Verify(keys, WebhookReadParts.Identity, (ref WebhookVerificationContext c) =>
        {
            c.CheckTimestamp(signed);
            c.MatchHmacSha256(default, mac).Should().BeTrue("the window is not applied yet");
        });

        result.FailureReason.Should().Be(expected);
        result.MatchedKeyIndex.Should().Be(0, "the signature matched, in the window or not");
        result.TimestampUnixMs.Should().Be(signed);
        result.Identity.IsEmpty.Should().Be(expected != WebhookFailureReason.None);
    }

    [Fact]
    public void A_signed_id_names_the_delivery_whenever_it_is_given_and_only_when_the_identity_is_asked_for()
    {
        using var keys = KeyRing.FromSecrets("current");
        var mac = HMACSHA256.HashData(keys.GetKey(0).ToArray(), Body);
        Probe before = (ref WebhookVerificationContext c) =>
        {
            c.IdentifyBySignedId("evt_1");
            c.MatchHmacSha256(default, mac);
        };
        Probe after = (ref WebhookVerificationContext c) =>
        {
            c.MatchHmacSha256(default, mac);
            c.IdentifyBySignedId("evt_1");
            c.IdentifyBySignedId(default);
        };

        Verify(keys, WebhookReadParts.Identity, before).Identity.Should().Be(WebhookDeliveryIdentity.FromSignedId("evt_1"));
        Verify(keys, WebhookReadParts.Identity, after).Identity.Should().Be(WebhookDeliveryIdentity.FromSignedId("evt_1"));
        Verify(keys, WebhookReadParts.Description, after).Identity.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Headers_are_trimmed_and_a_blank_one_is_missing()
    {
        using var keys = KeyRing.FromSecrets("current");
        var headers = new WebhookHeaders { { "X-Present", " \tvalue\t " }, { "X-Blank", " \t " } };

        var result = new ProbeScheme((ref WebhookVerificationContext c) =>
        {
            c.TryGetHeader("X-Present", out var present).Should().BeTrue();
            present.ToString().Should().Be("value");
            c.GetHeader("X-Absent").IsEmpty.Should().BeTrue();
            c.TryGetHeader("X-Blank", out _).Should().BeFalse();
        }).Verify(new(headers, Body), keys);

        result.FailureReason.Should().Be(WebhookFailureReason.MissingSignature);
    }

    [Theory]
    [InlineData("1700000000.5", WebhookFailureReason.MalformedSignature)]
    [InlineData("+1700000000", WebhookFailureReason.MalformedSignature)]
    public void The_decoders_fail_with_malformed_signature(string text, WebhookFailureReason expected)
    {
        using var keys = KeyRing.FromSecrets("current");

        Verify(keys, WebhookReadParts.None, (ref WebhookVerificationContext c) => c.TryDecodeHex(text, new byte[32]).Should().BeFalse()).FailureReason.Should().Be(expected);
        Verify(keys, WebhookReadParts.None, (ref WebhookVerificationContext c) => c.TryDecodeBase64(text, new byte[32]).Should().BeFalse()).FailureReason.Should().Be(expected);
        Verify(keys, WebhookReadParts.None, (ref WebhookVerificationContext c) => c.TryParseTimestamp(text, WebhookTimestampUnit.Seconds, out _).Should().BeFalse())
            .FailureReason.Should().Be(expected);
    }

    [Fact]
    public void A_token_is_compared_with_every_secret_and_never_with_another_kind_of_key()
    {
        using var keys = KeyRing.FromEntries(
            new KeyRingEntry(WebhookKeyKind.Ed25519PublicKey, "the-token-000000000000000000000000"u8.ToArray()[..32]),
            new KeyRingEntry(WebhookKeyKind.Secret, "the-token"u8.ToArray()));

        Verify(keys, WebhookReadParts.None, (ref WebhookVerificationContext c) => c.MatchToken("the-token")).MatchedKeyIndex.Should().Be(1);
        Verify(keys, WebhookReadParts.None, (ref WebhookVerificationContext c) => c.MatchToken("the-token-000000000000000000000000"))
            .FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void Ed25519_without_a_primitive_is_an_unsupported_algorithm()
    {
        using var keys = KeyRing.FromSecrets("current");

        Verify(keys, WebhookReadParts.None, (ref WebhookVerificationContext c) => c.MatchEd25519(default, new byte[IEd25519.SignatureLength]))
            .FailureReason.Should().Be(WebhookFailureReason.UnsupportedAlgorithm);
    }

    [Fact]
    public void A_scheme_reads_only_the_parts_asked_for()
    {
        using var keys = KeyRing.FromSecrets("current");
        var asked = new List<WebhookReadParts>();

        foreach (var parts in new[] { WebhookReadParts.None, WebhookReadParts.Identity, WebhookReadParts.Description | WebhookReadParts.Handshake })
        {
            Verify(keys, parts, (ref WebhookVerificationContext c) =>
            {
                asked.Add((c.Wants(WebhookReadParts.Identity) ? WebhookReadParts.Identity : 0)
                    | (c.Wants(WebhookReadParts.Description) ? WebhookReadParts.Description : 0)
                    | (c.Wants(WebhookReadParts.Handshake) ? WebhookReadParts.Handshake : 0));
            });
        }

        asked.Should().Equal(WebhookReadParts.None, WebhookReadParts.Identity, WebhookReadParts.Description | WebhookReadParts.Handshake);
    }

    private static WebhookVerificationResult Verify(KeyRing keys, WebhookReadParts parts, Probe probe) =>
        new ProbeScheme(probe).Verify(new(new WebhookHeaders(), Body), keys, parts);

    /// <summary>A scheme whose verification is one probe, on a clock that stands at <see cref="Now"/>.</summary>
    private sealed class ProbeScheme(Probe probe) : WebhookScheme("probe", new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(Now) })
    {
        public override IReadOnlyList<string> HeaderNames { get; } = ["X-Probe"];

        public override bool SignsTimestamp => true;

        protected override void VerifyCore(ref WebhookVerificationContext context) => probe(ref context);

        protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters) => throw new NotSupportedException();
    }
}

namespace WebhookSignatures.Tests;

/// <summary>
/// A result is valid only when a key matched: <c>default</c>, which no scheme produced, fails closed, and so does a
/// scheme whose author forgot to match anything.
/// </summary>
public sealed class DefaultResultTests
{
    [Fact]
    public void The_default_result_is_invalid_with_its_own_reason_and_no_matched_key()
    {
        var result = default(WebhookVerificationResult);

        result.IsValid.Should().BeFalse();
        result.FailureReason.Should().Be(WebhookFailureReason.NotVerified);
        result.MatchedKeyIndex.Should().BeNull();
        result.Timestamp.Should().BeNull();
        result.Identity.IsEmpty.Should().BeTrue();
        result.Description.Should().Be(default(WebhookDeliveryDescription));
        result.Handshake.Should().BeNull();
        result.Should().NotBe(WebhookVerificationResult.Success(0, null, default, default, null));
        result.ToString().Should().Be("Invalid (NotVerified)");
    }

    [Fact]
    public void Only_success_is_valid_and_failures_keep_their_reasons()
    {
        WebhookVerificationResult.Success(2, null, default, default, null).IsValid.Should().BeTrue();
        WebhookVerificationResult.Success(2, null, default, default, null).MatchedKeyIndex.Should().Be(2);
        WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch).MatchedKeyIndex.Should().BeNull();
        WebhookVerificationResult.Failure(WebhookFailureReason.TimestampTooOld, 1, 5).MatchedKeyIndex.Should().Be(1);
        WebhookVerificationResult.Failure(WebhookFailureReason.TimestampTooOld, 1, 5).IsValid.Should().BeFalse();
    }

    [Fact]
    public void A_signed_timestamp_beyond_the_calendar_is_reported_in_milliseconds_and_never_throws()
    {
        var result = WebhookVerificationResult.Failure(WebhookFailureReason.TimestampTooNew, 0, 1_767_268_800_000_000);

        result.TimestampUnixMs.Should().Be(1_767_268_800_000_000);
        result.Timestamp.Should().BeNull();
        WebhookVerificationResult.Success(0, 253_402_300_799_999, default, default, null).Timestamp.Should().Be(DateTimeOffset.MaxValue.AddTicks(-9999));
    }

    [Fact]
    public void A_custom_scheme_that_matches_nothing_accepts_nothing_whatever_else_it_records()
    {
        var scheme = new CarelessScheme();
        using var keys = KeyRing.FromSecrets("a-secret-of-sixteen-bytes-or-more");
        var headers = new WebhookHeaders { { "X-Careless", "anything" } };

        var result = scheme.Verify(new(headers, "anything at all"u8), keys, WebhookReadParts.All);

        result.IsValid.Should().BeFalse();
        result.FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch, "no key matched");
        result.MatchedKeyIndex.Should().BeNull();
        result.TimestampUnixMs.Should().BeNull("a timestamp no matched MAC covers is not reported");
        result.Identity.IsEmpty.Should().BeTrue();
        result.Description.Should().Be(default(WebhookDeliveryDescription));
        result.Handshake.Should().BeNull("an unverified delivery never gets a handshake's answer");
    }

    [Fact]
    public void A_failure_has_a_reason()
    {
        var scheme = new CarelessScheme(failWithNone: true);
        using var keys = KeyRing.FromSecrets("a-secret-of-sixteen-bytes-or-more");

        var verify = () => scheme.Verify(new(new WebhookHeaders(), "x"u8), keys);

        verify.Should().Throw<ArgumentOutOfRangeException>("None is no failure: it is a bug in the scheme, not in the delivery");
    }

    /// <summary>A scheme whose author forgot to match a MAC: it records a timestamp, a description and a handshake only.</summary>
    internal sealed class CarelessScheme(bool failWithNone = false) : WebhookScheme("careless", null)
    {
        public override IReadOnlyList<string> HeaderNames { get; } = ["X-Careless"];

        public override bool SignsTimestamp => true;

        protected override void VerifyCore(ref WebhookVerificationContext context)
        {
            if (failWithNone)
            {
                context.Fail(WebhookFailureReason.None);
            }

            context.CheckTimestamp(0);
            context.IdentifyBySignedId("id");
            context.Describe(new("event", true, "id", true));
            context.AnswerHandshake(WebhookHandshakeResponse.PlainText("hello"));
        }

        protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters) =>
            throw new NotSupportedException();
    }
}

namespace WebhookSignatures.Tests;

/// <summary>A result is valid only when a scheme says so: <c>default</c>, which no scheme produced, fails closed.</summary>
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
        result.Should().NotBe(WebhookVerificationResult.Success(0, new WebhookDigest([1])));
        result.ToString().Should().Be("Invalid (NotVerified)");
    }

    [Fact]
    public void Only_success_is_valid_and_failures_keep_their_reasons()
    {
        WebhookVerificationResult.Success(2, new WebhookDigest([1])).IsValid.Should().BeTrue();
        WebhookVerificationResult.Success(2, new WebhookDigest([1])).MatchedKeyIndex.Should().Be(2);
        WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        WebhookVerificationResult.TimestampFailure(WebhookFailureReason.TimestampTooOld, 1, 5).MatchedKeyIndex.Should().Be(1);
        WebhookVerificationResult.TimestampFailure(WebhookFailureReason.TimestampTooOld, 1, 5).IsValid.Should().BeFalse();
    }

    [Fact]
    public void A_signed_timestamp_beyond_the_calendar_is_reported_in_milliseconds_and_never_throws()
    {
        var result = WebhookVerificationResult.TimestampFailure(WebhookFailureReason.TimestampTooNew, 0, 1_767_268_800_000_000);

        result.TimestampUnixMs.Should().Be(1_767_268_800_000_000);
        result.Timestamp.Should().BeNull();
        WebhookVerificationResult.Success(0, new WebhookDigest([1]), 253_402_300_799_999).Timestamp.Should().Be(DateTimeOffset.MaxValue.AddTicks(-9999));
    }

    [Fact]
    public async Task A_custom_scheme_that_returns_default_accepts_nothing_through_the_entry_points_the_skeleton_provides()
    {
        var scheme = new DefaultReturningScheme();
        using var keys = KeyRing.FromSecrets("a-secret-of-sixteen-bytes-or-more");
        var body = "anything at all"u8.ToArray();
        using var stream = new MemoryStream(body);

        var sequence = scheme.Verify(new WebhookHeaders(), Segments.InThree(body), keys);
        var streamed = await scheme.VerifyAsync(new WebhookHeaders(), stream, keys);

        sequence.FailureReason.Should().Be(WebhookFailureReason.NotVerified);
        streamed.FailureReason.Should().Be(WebhookFailureReason.NotVerified);
    }

    /// <summary>A scheme whose author forgot to decide: it returns <c>default</c> for every delivery.</summary>
    internal sealed class DefaultReturningScheme() : WebhookScheme("careless", null)
    {
        public override IReadOnlyList<string> HeaderNames { get; } = ["X-Careless"];

        public override bool SignsTimestamp => false;

        public override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys) => default;

        public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null) =>
            throw new NotSupportedException();
    }
}

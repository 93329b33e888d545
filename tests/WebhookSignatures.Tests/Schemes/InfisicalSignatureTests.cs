using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Tests.Schemes;

public sealed class InfisicalSignatureTests
{
    private const long Now = 1_712_345_678_901;
    private static readonly byte[] Payload = TestKeys.Utf8("""{"event":"secrets.modified","project":{"projectId":"p1"}}""");

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(Now));

    private InfisicalSignature Scheme(TimeSpan? tolerance = null) =>
        new(new WebhookSchemeOptions { TimeProvider = _clock, Tolerance = tolerance ?? TimeSpan.FromMinutes(5) });

    [Fact]
    public void Sign_appends_the_timestamp_as_the_last_member_and_keeps_every_other_byte()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);

        var signed = Scheme().Sign(Payload, keys);

        Encoding.UTF8.GetString(signed.Body.Span).Should().Be(
            """{"event":"secrets.modified","project":{"projectId":"p1"},"timestamp":1712345678901}""");
        signed.TimestampUnixMs.Should().Be(Now);
        signed.Headers.GetValue(InfisicalSignature.SignatureHeaderName).Should().StartWith("t=1712345678901;").And.HaveLength(16 + 64);
    }

    [Fact]
    public void Sign_of_an_empty_object_adds_the_timestamp_without_a_comma()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);

        var signed = Scheme().Sign(" { } \n"u8, keys);

        Encoding.UTF8.GetString(signed.Body.Span).Should().Be(" { \"timestamp\":1712345678901} \n");
        Scheme().Verify(new(signed.Headers, signed.Body.Span), keys).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"a\":1", "not valid JSON")]
    [InlineData("{\"a\":1} x", "not valid JSON")]
    [InlineData("{\"timestamp\":5}", "already has a top-level \"timestamp\"")]
    [InlineData("{\"time\\u0073tamp\":5}", "already has a top-level \"timestamp\"")]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"\\udc00type\":1}", "not valid JSON")]
    public void Sign_refuses_a_body_it_cannot_sign_with_a_clear_argument_exception(string body, string message)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);

        var sign = () => Scheme().Sign(TestKeys.Utf8(body), keys);

        sign.Should().Throw<ArgumentException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Sign_allows_a_nested_timestamp_because_only_the_top_level_one_is_signed_time()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var signed = Scheme().Sign("""{"project":{"timestamp":1}}"""u8, keys);

        var result = Scheme().Verify(new(signed.Headers, signed.Body.Span), keys);

        result.IsValid.Should().BeTrue();
        result.TimestampUnixMs.Should().Be(Now);
    }

    [Fact]
    public void Sign_with_an_empty_ring_throws_because_there_is_nothing_to_sign_with()
    {
        var sign = () => Scheme().Sign(Payload, KeyRing.Empty);

        sign.Should().Throw<ArgumentException>().WithMessage("*empty*");
    }

    [Theory]
    [InlineData(300_000, true)]
    [InlineData(300_001, false)]
    [InlineData(-300_000, true)]
    [InlineData(-300_001, false)]
    public void The_window_is_two_sided_and_inclusive_at_the_edge(long clockOffsetMs, bool valid)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var signedAt = Now - clockOffsetMs;
        var signed = Scheme().Sign(Payload, keys, new() { Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(signedAt) });

        var result = Scheme().Verify(new(signed.Headers, signed.Body.Span), keys);

        result.IsValid.Should().Be(valid);
        if (!valid)
        {
            result.FailureReason.Should().Be(clockOffsetMs > 0 ? WebhookFailureReason.TimestampTooOld : WebhookFailureReason.TimestampTooNew);
            result.TimestampUnixMs.Should().Be(signedAt, "the signed timestamp is reported for diagnostics");
        }
    }

    [Fact]
    public void A_configured_tolerance_replaces_the_default()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var signed = Scheme().Sign(Payload, keys);
        _clock.Advance(TimeSpan.FromSeconds(61));

        Scheme(TimeSpan.FromMinutes(1)).Verify(new(signed.Headers, signed.Body.Span), keys).FailureReason
            .Should().Be(WebhookFailureReason.TimestampTooOld);
        Scheme(TimeSpan.FromMinutes(2)).Verify(new(signed.Headers, signed.Body.Span), keys).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_fresh_header_timestamp_on_an_old_signed_body_is_rejected_as_not_signed()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var old = Scheme().Sign(Payload, keys);
        var header = old.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!;
        var forged = "t=" + (Now + 3_600_000) + header[header.IndexOf(';', StringComparison.Ordinal)..];
        _clock.Advance(TimeSpan.FromHours(1));

        var result = Scheme().VerifySignatureHeader(forged, old.Body.Span, keys);

        result.FailureReason.Should().Be(WebhookFailureReason.TimestampNotSigned);
    }

    [Theory]
    [InlineData("""{"timestamp":1712345678901,"event":"x"}""")]
    [InlineData("""{"event":"x","timestamp":1712345678901 }""")]
    [InlineData("{\n  \"event\": \"x\",\n  \"timestamp\" : 1712345678901\n}\n")]
    [InlineData("""{"event":"x","time\u0073tamp":1712345678901}""")]
    public void The_signed_timestamp_is_found_wherever_the_sender_put_it(string body)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var bytes = TestKeys.Utf8(body);
        var header = InfisicalSignature.CreateSignatureHeader(Now, bytes, TestKeys.Bytes());

        var result = Scheme().VerifySignatureHeader(header, bytes, keys);

        result.IsValid.Should().BeTrue();
        result.TimestampUnixMs.Should().Be(Now);
    }

    [Theory]
    [InlineData("""{"event":"x"}""")]
    [InlineData("""{"event":"x","timestamp":"1712345678901"}""")]
    [InlineData("""{"event":"x","timestamp":1712345678901.0}""")]
    [InlineData("""{"event":"x","timestamp":-1712345678901}""")]
    [InlineData("""{"timestamp":1712345678901,"timestamp":1712345678901,"x":1}""")]
    [InlineData("""{"a":{"timestamp":1712345678901}}""")]
    [InlineData("""["timestamp",1712345678901]""")]
    [InlineData("not json at all, \"timestamp\":1712345678901")]
    [InlineData("")]
    public void A_body_without_one_top_level_numeric_timestamp_equal_to_t_is_not_signed_time(string body)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var bytes = TestKeys.Utf8(body);
        var header = InfisicalSignature.CreateSignatureHeader(Now, bytes, TestKeys.Bytes());

        var result = Scheme().VerifySignatureHeader(header, bytes, keys);

        result.FailureReason.Should().Be(WebhookFailureReason.TimestampNotSigned);
    }

    [Theory]
    [InlineData("t=;abcd", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=1712345678901;", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=1712345678901;;bd8459f3e3e41576c9316d9389206b23bac67db7ffa25401aed1ec387f4b1f21", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=99999999999999999999;bd8459f3e3e41576c9316d9389206b23bac67db7ffa25401aed1ec387f4b1f21", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=9223372036854775808;bd8459f3e3e41576c9316d9389206b23bac67db7ffa25401aed1ec387f4b1f21", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=-1;bd8459f3e3e41576c9316d9389206b23bac67db7ffa25401aed1ec387f4b1f21", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=17123456789O1;bd8459f3e3e41576c9316d9389206b23bac67db7ffa25401aed1ec387f4b1f21", WebhookFailureReason.MalformedSignature)]
    [InlineData("T=1712345678901;bd8459f3e3e41576c9316d9389206b23bac67db7ffa25401aed1ec387f4b1f21", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=1712345678901;v1=bd8459f3e3e41576c9316d9389206b23bac67db7ffa25401aed1ec387f4b1f21", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=1712345678901;bd8459f3e3e41576c9316d9389206b23bac67db7ffa25401aed1ec387f4b1f21ff", WebhookFailureReason.MalformedSignature)]
    [InlineData("t=1712345678901;bd8459f3e3e41576c9316d9389206b23bac67db7ffa25401aed1ec387f4b1f2é", WebhookFailureReason.MalformedSignature)]
    [InlineData("   ", WebhookFailureReason.MissingSignature)]
    [InlineData(null, WebhookFailureReason.MissingSignature)]
    public void Malformed_headers_get_a_reason_and_never_throw(string? header, WebhookFailureReason reason)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);

        Scheme().VerifySignatureHeader(header, Payload, keys).FailureReason.Should().Be(reason);
    }

    [Fact]
    public void A_one_megabyte_header_is_malformed_not_a_crash()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var header = "t=1;" + new string('a', 1024 * 1024);

        Scheme().VerifySignatureHeader(header, Payload, keys).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }

    [Fact]
    public void No_secrets_fails_closed_even_for_a_header_that_would_otherwise_verify()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var signed = Scheme().Sign(Payload, keys);

        Scheme().Verify(new(signed.Headers, signed.Body.Span), KeyRing.Empty).FailureReason.Should().Be(WebhookFailureReason.NoSecrets);
    }

    [Fact]
    public void A_multi_segment_body_copied_into_one_buffer_verifies_as_the_span_does()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var signed = Scheme().Sign(Payload, keys);
        var sequence = Segments.Split(signed.Body.ToArray(), 7);
        using var body = WebhookBody.From(sequence);

        var result = Scheme().Verify(new(signed.Headers, body.Span), keys);

        sequence.IsSingleSegment.Should().BeFalse();
        result.Should().Be(Scheme().Verify(new(signed.Headers, signed.Body.Span), keys));
        result.IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task A_body_read_from_a_stream_is_read_whole_and_verifies()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var signed = Scheme().Sign(TestKeys.Utf8("{\"pad\":\"" + new string('x', 20_000) + "\"}"), keys);
        using var stream = new MemoryStream(signed.Body.ToArray());

        using (var body = await WebhookBody.ReadAsync(stream, 1024 * 1024))
        {
            body!.Length.Should().Be(signed.Body.Length, "a body larger than the first buffer is read to its end");
            Scheme().Verify(new(signed.Headers, body.Span), keys).IsValid.Should().BeTrue();
        }

        stream.Position = 0;
        stream.WriteByte((byte)' ');
        stream.Position = 0;
        using var changed = await WebhookBody.ReadAsync(stream, 1024 * 1024);
        Scheme().Verify(new(signed.Headers, changed!.Span), keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void The_description_reads_the_signed_event_name_from_the_body()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);

        Scheme().SignAndRead(Payload, keys, WebhookReadParts.Description).Description.Should().Be(new WebhookDeliveryDescription("secrets.modified", true, null, false));
        Scheme().SignAndRead("{\"text\":\"slack\"}"u8, keys, WebhookReadParts.Description).Description.EventName.Should().BeNull();
    }
}

using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Linear;

namespace WebhookSignatures.Tests.Schemes;

public sealed class LinearSignatureTests
{
    private const string Secret = "lin_wh_secret_0123456789abcdef";

    [Theory]
    [InlineData(-60_000, true, WebhookFailureReason.None)]
    [InlineData(-60_001, false, WebhookFailureReason.TimestampTooOld)]
    [InlineData(60_000, true, WebhookFailureReason.None)]
    [InlineData(60_001, false, WebhookFailureReason.TimestampTooNew)]
    public void The_sixty_second_window_on_the_signed_webhookTimestamp_holds_at_its_edges(long offsetMs, bool valid, WebhookFailureReason reason)
    {
        var scheme = new LinearSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now), Tolerance = LinearSignature.DefaultTolerance });
        using var keys = KeyRing.FromSecrets(Secret);
        var signed = scheme.Sign(Body(TimestampedSchemes.Now.ToUnixTimeMilliseconds() + offsetMs), keys);

        var result = scheme.Verify(new(signed.Headers, signed.Body.Span), keys);

        result.IsValid.Should().Be(valid);
        result.FailureReason.Should().Be(reason);
        result.TimestampUnixMs.Should().Be(TimestampedSchemes.Now.ToUnixTimeMilliseconds() + offsetMs);
    }

    [Fact]
    public void The_scheme_without_options_keeps_Linears_one_minute()
    {
        LinearSignature.Default.Tolerance.Should().Be(TimeSpan.FromMinutes(1));
        new LinearSignature().Tolerance.Should().Be(LinearSignature.DefaultTolerance);
    }

    [Theory]
    [InlineData("""{"action":"create"}""")]
    [InlineData("""{"action":"create","webhookTimestamp":"1700000000000"}""")]
    [InlineData("""{"action":"create","webhookTimestamp":1700000000000.5}""")]
    [InlineData("""{"action":"create","webhookTimestamp":-1}""")]
    [InlineData("""{"webhookTimestamp":1700000000000,"webhookTimestamp":1700000000000}""")]
    [InlineData("""{"data":{"webhookTimestamp":1700000000000}}""")]
    [InlineData("""[1700000000000]""")]
    [InlineData("not json")]
    public void A_signed_body_without_one_numeric_top_level_webhookTimestamp_fails_closed(string body)
    {
        var scheme = new LinearSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) });
        using var keys = KeyRing.FromSecrets(Secret);
        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = new WebhookHeaders { { LinearSignature.SignatureHeaderName, LinearSignature.CreateSignatureHeader(bytes, keys.GetKey(0)) } };

        scheme.Verify(new(headers, bytes), keys).FailureReason.Should().Be(WebhookFailureReason.TimestampNotSigned);
        var sign = () => scheme.Sign(bytes, keys);
        sign.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_event_and_delivery_come_from_Linears_unsigned_headers()
    {
        var scheme = new LinearSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) });
        using var keys = KeyRing.FromSecrets(Secret);
        var body = Body(TimestampedSchemes.Now.ToUnixTimeMilliseconds());
        var headers = new WebhookHeaders
        {
            { LinearSignature.SignatureHeaderName, LinearSignature.CreateSignatureHeader(body, keys.GetKey(0)) },
            { LinearSignature.EventHeaderName, "Issue" },
            { LinearSignature.DeliveryIdHeaderName, "234d1a4e" },
        };

        scheme.Verify(new(headers, body), keys, WebhookReadParts.Description).Description.Should().Be(new WebhookDeliveryDescription("Issue", false, "234d1a4e", false));
    }

    private static byte[] Body(long webhookTimestamp) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"action":"create","type":"Issue","webhookTimestamp":{{webhookTimestamp}}}"""));
}

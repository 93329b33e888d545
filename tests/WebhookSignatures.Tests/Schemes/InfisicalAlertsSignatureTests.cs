using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Tests.Schemes;

public sealed class InfisicalAlertsSignatureTests
{
    private const string Secret = "pki-secret";
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000));
    private static readonly WebhookSchemeOptions Options = new() { TimeProvider = Clock };
    private static readonly InfisicalAlertsSignature Alerts = new(Options);
    private static readonly InfisicalSignature Project = new(Options);

    private static readonly byte[] CloudEvent =
        """{"specversion":"1.0","type":"com.infisical.pki.certificate.expiration","source":"/projects/p-1/pki-alerts","id":"a1b2","data":{}}"""u8.ToArray();

    [Fact]
    public void The_header_signs_milliseconds_and_the_body_unchanged()
    {
        using var keys = KeyRing.FromSecrets(Secret);

        var signed = Alerts.Sign(CloudEvent, keys);

        signed.Body.ToArray().Should().Equal(CloudEvent);
        signed.Headers.GetValue("x-infisical-signature").Should().MatchRegex("^t=1700000000000,v1=[0-9a-f]{64}$");
        signed.TimestampUnixMs.Should().Be(1700000000000);
    }

    [Fact]
    public void The_project_webhook_scheme_rejects_an_alert_header_as_malformed()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var alert = Alerts.Sign(CloudEvent, keys);

        Project.Verify(new(alert.Headers, alert.Body.Span), keys).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }

    [Fact]
    public void The_alert_scheme_rejects_a_project_webhook_header_as_malformed()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var project = Project.Sign("""{"event":"secrets.modified"}"""u8, keys);

        Alerts.Verify(new(project.Headers, project.Body.Span), keys).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_valid_v1_is_found_first_in_the_middle_or_last(int position)
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var valid = InfisicalAlertsSignature.CreateSignatureHeader(1700000000000, CloudEvent, keys.GetKey(0))["t=1700000000000,".Length..];
        var items = new List<string> { "v1=" + new string('0', 64), "v0=legacy", "v1=" + new string('a', 64) };
        items.Insert(position == 2 ? items.Count : position, valid);

        var result = Alerts.VerifySignatureHeader("t=1700000000000," + string.Join(',', items), CloudEvent, keys);

        result.IsValid.Should().BeTrue(result.ToString());
        result.TimestampUnixMs.Should().Be(1700000000000);
    }

    [Fact]
    public void A_timestamp_read_as_seconds_would_not_verify()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var header = InfisicalAlertsSignature.CreateSignatureHeader(1700000000, CloudEvent, keys.GetKey(0));

        Alerts.VerifySignatureHeader(header, CloudEvent, keys).FailureReason.Should().Be(WebhookFailureReason.TimestampTooOld);
    }

    [Theory]
    [InlineData("t=1700000000000")]
    [InlineData("t=1700000000000,v0=abc")]
    public void A_header_without_v1_names_an_unsupported_algorithm(string header)
    {
        using var keys = KeyRing.FromSecrets(Secret);

        Alerts.VerifySignatureHeader(header, CloudEvent, keys).FailureReason.Should().Be(WebhookFailureReason.UnsupportedAlgorithm);
    }

    [Fact]
    public void The_delivery_is_described_by_the_signed_cloud_event_type_and_id()
    {
        using var keys = KeyRing.FromSecrets(Secret);

        Alerts.SignAndRead(CloudEvent, keys, WebhookReadParts.Description).Description
            .Should().Be(new WebhookDeliveryDescription("com.infisical.pki.certificate.expiration", true, "a1b2", true));
    }
}

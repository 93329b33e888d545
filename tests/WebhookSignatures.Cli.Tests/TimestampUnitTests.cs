using System.Globalization;
using System.Text;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// A sender that writes its timestamp in the wrong unit (milliseconds where the scheme has seconds, a common bug)
/// signs a time tens of thousands of years away, beyond the calendar. verify still prints a verdict and says why.
/// </summary>
public sealed class TimestampUnitTests
{
    private const string StripeSecret = "whsec_stripe-unit-test-secret";
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string InfisicalSecret = "infisical-unit-test-secret";

    // 2026-01-01T12:00:00Z, when the delivery arrived.
    private const long ArrivedMs = 1_767_268_800_000;

    [Fact]
    public async Task A_stripe_t_in_milliseconds_gets_a_verdict_and_a_hint_instead_of_an_exception()
    {
        var body = """{"id":"evt_1","type":"invoice.paid"}"""u8.ToArray();
        var header = StripeSignature.CreateSignatureHeader(ArrivedMs, body, Encoding.UTF8.GetBytes(StripeSecret));

        var outcome = await Verify("stripe", StripeSecret, [$"Stripe-Signature: {header}"], body);

        outcome.ExitCode.Should().Be(1, outcome.All);
        outcome.Error.Should().BeEmpty();
        outcome.Out.Should().StartWith("invalid: TimestampTooNew:")
            .And.Contain("signed timestamp: after 9999-12-31T23:59:59.999Z (1767268800000000)")
            .And.Contain("timestamp 1767268800000 looks like Unix milliseconds")
            .And.Contain("2026-01-01T12:00:00.000Z")
            .And.NotContain("event:", "only a delivery that verifies is described")
            .And.NotContain("Unhandled exception");
    }

    [Fact]
    public async Task A_standard_webhooks_timestamp_in_milliseconds_gets_a_verdict_and_a_hint_instead_of_an_exception()
    {
        var body = """{"type":"user.created"}"""u8.ToArray();
        var key = Convert.FromBase64String(StandardSecret["whsec_".Length..]);
        var signature = StandardWebhooksSignature.CreateSignatureHeader("msg_1", ArrivedMs, body, key);

        var outcome = await Verify(
            "standard-webhooks",
            StandardSecret,
            ["webhook-id: msg_1", $"webhook-timestamp: {ArrivedMs}", $"webhook-signature: {signature}"],
            body);

        outcome.ExitCode.Should().Be(1, outcome.All);
        outcome.Error.Should().BeEmpty();
        outcome.Out.Should().StartWith("invalid: TimestampTooNew:")
            .And.Contain("(1767268800000000)")
            .And.Contain("timestamp 1767268800000 looks like Unix milliseconds")
            .And.NotContain("Unhandled exception");
    }

    [Fact]
    public async Task The_json_verdict_for_a_timestamp_in_milliseconds_reports_what_was_signed()
    {
        var body = """{"id":"evt_2"}"""u8.ToArray();
        var header = StripeSignature.CreateSignatureHeader(ArrivedMs, body, Encoding.UTF8.GetBytes(StripeSecret));

        var outcome = await Verify("stripe", StripeSecret, [$"Stripe-Signature: {header}"], body, json: true);

        outcome.ExitCode.Should().Be(1, outcome.All);
        outcome.Out.Trim().Should().Be("""{"valid":false,"scheme":"stripe","reason":"TimestampTooNew","matchedSecretIndex":0,"timestampUnixMs":1767268800000000,"event":null}""");
    }

    [Fact]
    public async Task An_infisical_timestamp_in_seconds_is_pointed_out_as_seconds()
    {
        var seconds = ArrivedMs / 1000;
        var body = Encoding.UTF8.GetBytes($$"""{"event":"test","timestamp":{{seconds}}}""");
        var header = InfisicalSignature.CreateSignatureHeader(seconds, body, Encoding.UTF8.GetBytes(InfisicalSecret));

        var outcome = await Verify("infisical", InfisicalSecret, [$"x-infisical-signature: {header}"], body);

        outcome.ExitCode.Should().Be(1, outcome.All);
        outcome.Out.Should().StartWith("invalid: TimestampTooOld:").And.Contain($"timestamp {seconds} looks like Unix seconds").And.Contain("2026-01-01T12:00:00.000Z");
    }

    [Fact]
    public async Task A_stripe_timestamp_far_beyond_the_calendar_is_reported_without_an_exception()
    {
        // The largest t whose milliseconds still fit in 64 bits.
        var seconds = long.MaxValue / 1000;
        var body = "{}"u8.ToArray();
        var header = StripeSignature.CreateSignatureHeader(seconds, body, Encoding.UTF8.GetBytes(StripeSecret));

        var outcome = await Verify("stripe", StripeSecret, [$"Stripe-Signature: {header}"], body);

        outcome.ExitCode.Should().Be(1, outcome.All);
        outcome.Error.Should().BeEmpty();
        outcome.Out.Should().StartWith("invalid: TimestampTooNew:").And.Contain("outside the ±5m window").And.NotContain("looks like");
    }

    [Theory]
    [InlineData("253402300800000")]
    [InlineData("-62135596800001")]
    [InlineData("9223372036854775807")]
    public async Task A_now_outside_the_calendar_is_a_usage_error(string now)
    {
        var outcome = await CliHarness.RunAsync(["verify", "--scheme", "github", "--secret", "s", "--header", "X-Hub-Signature-256: sha256=00", "--body-file", "-", $"--now={now}"], "{}"u8.ToArray());

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().StartWith("error: --now").And.NotContain("Unhandled exception");
    }

    private static Task<CliOutcome> Verify(string scheme, string secret, string[] headers, byte[] body, bool json = false)
    {
        var args = new List<string>
        {
            "verify", "--scheme", scheme, "--secret", secret, "--body-file", "-",
            "--now", (ArrivedMs + 1_000).ToString(CultureInfo.InvariantCulture),
        };
        foreach (var header in headers)
        {
            args.AddRange(["--header", header]);
        }

        if (json)
        {
            args.Add("--json");
        }

        return CliHarness.RunAsync([.. args], body);
    }
}

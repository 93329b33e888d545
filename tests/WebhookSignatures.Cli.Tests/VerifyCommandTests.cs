using System.Globalization;
using System.Text;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Cli.Tests;

public sealed class VerifyCommandTests
{
    private const string Secret = "verify-command-secret-7f3a";
    private const string OldSecret = "verify-command-old-secret-2b9c";
    private const long SignedAt = 1_712_345_678_901;

    [Fact]
    public async Task A_valid_delivery_exits_0_and_says_the_current_secret_matched()
    {
        var (header, body) = SignInfisical("""{"event":"secrets.modified"}""", Secret);

        var outcome = await Verify("infisical", [Secret], [$"{InfisicalSignature.SignatureHeaderName}: {header}"], body, now: SignedAt + 1500);

        outcome.ExitCode.Should().Be(0);
        outcome.Out.Should().StartWith("valid:").And.Contain("current secret (#0").And.Contain("event: secrets.modified");
    }

    [Fact]
    public async Task A_match_on_an_older_secret_is_named_with_its_position()
    {
        var (header, body) = SignInfisical("""{"event":"test"}""", OldSecret);

        var outcome = await Verify("infisical", [Secret, OldSecret], [$"{InfisicalSignature.SignatureHeaderName}: {header}"], body, now: SignedAt);

        outcome.ExitCode.Should().Be(0);
        outcome.Out.Should().Contain("older secret (#1 of 2)");
    }

    [Fact]
    public async Task A_stale_delivery_says_how_far_outside_the_window_it_is()
    {
        var (header, body) = SignInfisical("""{"event":"test"}""", Secret);

        var outcome = await Verify("infisical", [Secret], [$"{InfisicalSignature.SignatureHeaderName}: {header}"], body, now: SignedAt + 420_000);

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("TimestampTooOld").And.Contain("7m before now").And.Contain("2m outside the ±5m window");
    }

    [Fact]
    public async Task A_delivery_from_the_future_says_it_lies_after_now()
    {
        var (header, body) = SignInfisical("""{"event":"test"}""", Secret);

        var outcome = await Verify("infisical", [Secret], [$"{InfisicalSignature.SignatureHeaderName}: {header}"], body, now: SignedAt - 360_000);

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("TimestampTooNew").And.Contain("6m after now").And.Contain("1m outside the ±5m window");
    }

    [Fact]
    public async Task A_header_t_that_differs_from_the_body_timestamp_is_pointed_out()
    {
        var (header, body) = SignInfisical("""{"event":"test"}""", Secret);
        var signature = header[(header.IndexOf(';', StringComparison.Ordinal) + 1)..];
        var fresh = SignedAt + 60_000;

        var outcome = await Verify("infisical", [Secret], [$"{InfisicalSignature.SignatureHeaderName}: t={fresh};{signature}"], body, now: fresh);

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("TimestampNotSigned").And.Contain($"t={fresh}").And.Contain($"\"timestamp\" is {SignedAt}");
    }

    [Fact]
    public async Task The_header_t_is_compared_with_the_body_timestamp_the_verifier_read()
    {
        // Signed bytes that a full JSON parse rejects, but whose last member is the timestamp the verifier compares.
        var body = "{\"event\":\"test\",\"data\":[1,\"timestamp\":5}"u8.ToArray();
        var header = InfisicalSignature.CreateSignatureHeader(6, body, Encoding.UTF8.GetBytes(Secret));

        var outcome = await Verify("infisical", [Secret], [$"{InfisicalSignature.SignatureHeaderName}: {header}"], body);

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("TimestampNotSigned").And.Contain("t=6").And.Contain("\"timestamp\" is 5");
    }

    [Fact]
    public async Task A_body_whose_line_endings_were_converted_to_CRLF_is_diagnosed()
    {
        var original = "{\n\"event\":\"push\"\n}"u8.ToArray();
        var header = HubSignature.CreateSignatureHeader(original, Encoding.UTF8.GetBytes(Secret));
        var converted = Encoding.UTF8.GetBytes("{\r\n\"event\":\"push\"\r\n}");

        var outcome = await Verify("github", [Secret], [$"X-Hub-Signature-256: {header}"], converted);

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("SignatureMismatch").And.Contain("with LF instead of CRLF line endings");
    }

    [Fact]
    public async Task A_reserialized_json_body_is_diagnosed()
    {
        var original = """{"event":"push","ref":"refs/heads/main","commits":[1,2]}"""u8.ToArray();
        var header = HubSignature.CreateSignatureHeader(original, Encoding.UTF8.GetBytes(Secret));
        var pretty = Encoding.UTF8.GetBytes("{\n  \"event\": \"push\",\n  \"ref\": \"refs/heads/main\",\n  \"commits\": [1, 2]\n}");

        var outcome = await Verify("snyk", [Secret], [$"X-Hub-Signature: {header}"], pretty);

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("as compact JSON");
    }

    [Fact]
    public async Task A_body_with_an_added_final_newline_is_diagnosed()
    {
        var original = "Hello, World!"u8.ToArray();
        var header = HubSignature.CreateSignatureHeader(original, Encoding.UTF8.GetBytes(Secret));

        var outcome = await Verify("github", [Secret], [$"X-Hub-Signature-256: {header}"], "Hello, World!\n"u8.ToArray());

        outcome.Out.Should().Contain("without its final line break");
    }

    [Fact]
    public async Task A_secret_padded_with_whitespace_is_diagnosed_without_printing_it()
    {
        var body = "Hello, World!"u8.ToArray();
        var header = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));

        var outcome = await Verify("github", [Secret + "\n"], [$"X-Hub-Signature-256: {header}"], body);

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("Secret #0 has leading or trailing whitespace");
        outcome.All.Should().NotContain(Secret);
    }

    [Fact]
    public async Task Headers_in_another_schemes_format_suggest_that_scheme()
    {
        var body = "Hello, World!"u8.ToArray();
        var header = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));

        var outcome = await Verify("snyk", [Secret], [$"X-Hub-Signature-256: {header}"], body);

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("MissingSignature").And.Contain("try --scheme github");
    }

    [Fact]
    public async Task An_infisical_alert_header_checked_as_a_project_webhook_suggests_the_alert_scheme()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var signed = Schemes.Infisical.InfisicalAlertsSignature.Default.Sign("""{"type":"com.infisical.test"}"""u8, keys);

        var outcome = await Verify("infisical", [Secret], [$"{InfisicalSignature.SignatureHeaderName}: {signed.Headers.GetValue(InfisicalSignature.SignatureHeaderName)}"], signed.Body.ToArray());

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("MalformedSignature").And.Contain("try --scheme infisical-alerts");
    }

    [Fact]
    public async Task Without_a_secret_verification_fails_closed()
    {
        var outcome = await Verify("github", [], ["X-Hub-Signature-256: sha256=00"], "x"u8.ToArray());

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("NoSecrets").And.Contain("--secret-env");
    }

    [Fact]
    public async Task A_secret_can_come_from_an_environment_variable()
    {
        var body = "Hello, World!"u8.ToArray();
        var header = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));

        var outcome = await CliHarness.RunAsync(
            ["verify", "--scheme", "github", "--secret-env", "HOOK_SECRET", "--header", $"X-Hub-Signature-256: {header}", "--body-file", "-"],
            body,
            new Dictionary<string, string> { ["HOOK_SECRET"] = Secret });

        outcome.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task The_json_output_reports_the_event_from_the_headers()
    {
        var body = "{}"u8.ToArray();
        var header = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));

        var outcome = await Verify("github", [Secret], [$"X-Hub-Signature-256: {header}", "X-GitHub-Event: ping"], body, json: true);

        outcome.Out.Trim().Should().Be("""{"valid":true,"scheme":"github","reason":null,"matchedSecretIndex":0,"timestampUnixMs":null,"event":"ping"}""");
    }

    private static (string Header, byte[] Body) SignInfisical(string json, string secret)
    {
        using var keys = KeyRing.FromSecrets(secret);
        var signed = InfisicalSignature.Default.Sign(Encoding.UTF8.GetBytes(json), keys, new WebhookSigningParameters { Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(SignedAt) });
        return (signed.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!, signed.Body.ToArray());
    }

    private static Task<CliOutcome> Verify(string scheme, string[] secrets, string[] headers, byte[] body, long? now = null, bool json = false)
    {
        var args = new List<string> { "verify", "--scheme", scheme, "--body-file", "-" };
        foreach (var secret in secrets)
        {
            args.Add($"--secret={secret}");
        }

        foreach (var header in headers)
        {
            args.AddRange(["--header", header]);
        }

        if (now is { } ms)
        {
            args.AddRange(["--now", ms.ToString(CultureInfo.InvariantCulture)]);
        }

        if (json)
        {
            args.Add("--json");
        }

        return CliHarness.RunAsync([.. args], body);
    }
}

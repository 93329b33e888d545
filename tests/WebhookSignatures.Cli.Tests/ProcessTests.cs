using System.Text;
using System.Text.Json;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Cli.Tests;

/// <summary>The tool as a real process: exit codes, standard input and output as scripts see them.</summary>
public sealed class ProcessTests
{
    private const string Secret = "process-test-secret-a41f";

    [Fact]
    public async Task Verify_as_a_process_exits_0_for_a_valid_delivery_read_from_standard_input()
    {
        var body = "Hello, World!"u8.ToArray();

        var outcome = await ToolProcess.RunAsync(
            ["verify", "--scheme", "github", "--secret-env", "HOOK_SECRET", "--header", "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "--body-file", "-", "--json"],
            body,
            new Dictionary<string, string> { ["HOOK_SECRET"] = "It's a Secret to Everybody" });

        outcome.ExitCode.Should().Be(0, outcome.Error);
        outcome.Out.Trim().Should().Be("""{"valid":true,"scheme":"github","reason":null,"matchedSecretIndex":0,"timestampUnixMs":null,"event":null}""");
    }

    [Fact]
    public async Task Verify_as_a_process_exits_1_for_a_tampered_body_and_2_for_a_usage_error()
    {
        var tampered = await ToolProcess.RunAsync(
            ["verify", "--scheme", "github", "--secret", "It's a Secret to Everybody", "--header", "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "--body-file", "-"],
            "Hello, World?"u8.ToArray());
        var usage = await ToolProcess.RunAsync(["verify", "--scheme", "no-such-scheme", "--body-file", "-"]);

        tampered.ExitCode.Should().Be(1);
        tampered.Out.Should().StartWith("invalid: SignatureMismatch");
        tampered.All.Should().NotContain("It's a Secret to Everybody");
        usage.ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Sign_as_a_process_prints_json_that_verifies_with_the_library()
    {
        var outcome = await ToolProcess.RunAsync(
            ["sign", "--scheme", "infisical", "--secret", Secret, "--body-file", "-", "--json"],
            """{"event":"secrets.modified"}"""u8.ToArray());

        outcome.ExitCode.Should().Be(0, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Out);
        var body = Encoding.UTF8.GetBytes(json.RootElement.GetProperty("body").GetString()!);
        var headers = new WebhookHeaders { { InfisicalSignature.SignatureHeaderName, json.RootElement.GetProperty("headers").GetProperty(InfisicalSignature.SignatureHeaderName).GetString()! } };
        using var keys = KeyRing.FromSecrets(Secret);
        InfisicalSignature.Default.Verify(new WebhookDelivery(headers, body), keys).IsValid.Should().BeTrue();
        outcome.Out.Should().NotContain(Secret);
    }

    [Fact]
    public async Task Sign_as_a_process_prints_header_lines_for_a_hub_scheme()
    {
        var outcome = await ToolProcess.RunAsync(["sign", "--scheme", "snyk", "--secret", Secret, "--body-file", "-"], "{}"u8.ToArray());

        outcome.ExitCode.Should().Be(0, outcome.Error);
        outcome.Out.Trim().Should().Be($"{SnykSignature.SignatureHeaderName}: {HubSignature.CreateSignatureHeader("{}"u8, Encoding.UTF8.GetBytes(Secret))}");
    }

    [Fact]
    public async Task Help_as_a_process_lists_every_command()
    {
        var outcome = await ToolProcess.RunAsync(["--help"]);

        outcome.ExitCode.Should().Be(0);
        outcome.Out.Should().Contain("verify").And.Contain("sign").And.Contain("send").And.Contain("listen").And.Contain("demo");
    }
}

using System.Net;
using System.Text;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// The tool's secret inputs: whitespace alone is refused like an empty secret, by every command that reads one; a
/// secret with whitespace around it is used exactly as given, with a warning that says which one, never its value.
/// </summary>
public sealed class SecretWhitespaceTests
{
    private const string Secret = "cli-whitespace-secret-4c8a1e";

    public static TheoryData<string, string> Blanks()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in (string[])["listen", "verify", "sign", "send"])
        {
            data.Add(command, new string(' ', 16));
            data.Add(command, "\t\n\t\n\t\n\t\n\t\n\t\n\t\n\t\n\n");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blanks))]
    public async Task A_secret_of_whitespace_only_is_refused_from_an_option_and_from_a_variable(string command, string blank)
    {
        var given = await ToolProcess.RunAsync(Arguments(command, "--secret", blank));
        var fromVariable = await ToolProcess.RunAsync(Arguments(command, "--secret-env", "HOOK_SECRET"), environment: new Dictionary<string, string> { ["HOOK_SECRET"] = blank });

        given.ExitCode.Should().Be(2, given.All);
        given.Error.Should().Contain("Secret #0 is empty or only whitespace");
        fromVariable.ExitCode.Should().Be(2, fromVariable.All);
        fromVariable.Error.Should().Contain("HOOK_SECRET").And.Contain("only whitespace");
        (given.All + fromVariable.All).Should().NotContain("listening on").And.NotContain("Unhandled");
    }

    [Fact]
    public async Task A_secret_with_a_trailing_line_break_is_used_as_given_with_a_warning_naming_it()
    {
        const string WithBreak = Secret + "\n";
        var body = Encoding.UTF8.GetBytes("""{"zen":"trailing"}""");
        using var file = new TempFile(body);
        string[] Verify(string signedWith) =>
        [
            "verify", "--scheme", "github", "--secret", "another-secret-of-enough-bytes", "--secret-env", "HOOK_SECRET", "--body-file", file.Path,
            "--header", $"{GitHubSignature.SignatureHeaderName}: {HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(signedWith))}",
        ];
        var environment = new Dictionary<string, string> { ["HOOK_SECRET"] = WithBreak };

        var withBreak = await ToolProcess.RunAsync(Verify(WithBreak), environment: environment);
        var trimmed = await ToolProcess.RunAsync(Verify(Secret), environment: environment);

        withBreak.ExitCode.Should().Be(0, withBreak.All);
        trimmed.ExitCode.Should().Be(1, "the secret is never trimmed into another key");
        withBreak.Error.Should().Contain("warning: secret #1 (--secret-env HOOK_SECRET) ends with a line break");
        (withBreak.All + trimmed.All).Should().NotContain(Secret);
    }

    [Fact]
    public async Task Listen_warns_about_a_secret_with_a_leading_space_and_accepts_deliveries_signed_with_it()
    {
        const string WithSpace = " " + Secret;
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", WithSpace);
        var body = Encoding.UTF8.GetBytes("""{"zen":"leading"}""");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, listener.Url) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation(GitHubSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(WithSpace)));

        using var response = await client.SendAsync(request);
        var log = await listener.StopAsync();

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        log.Error.Should().Contain("warning: secret #0 (--secret) starts with a space");
        log.All.Should().NotContain(Secret);
    }

    private static string[] Arguments(string command, string option, string value) => command switch
    {
        "listen" => ["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", option, value],
        "verify" => ["verify", "--scheme", "github", option, value, "--header", "X-Hub-Signature-256: sha256=00", "--body-file", "-"],
        "sign" => ["sign", "--scheme", "github", option, value, "--body-file", "-"],
        _ => ["send", "--scheme", "github", option, value, "--url", "http://127.0.0.1:9/hooks", "--allow-http"],
    };
}

using System.Text;
using System.Text.Json;
using WebhookSignatures.Cli.Samples;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Cli.Tests;

public sealed class SignCommandTests
{
    private const string Secret = "sign-command-secret-51c0e";

    [Fact]
    public async Task Infisical_headers_and_the_out_file_verify_with_the_library()
    {
        using var signedBody = new TempFile();

        var outcome = await CliHarness.RunAsync(
            ["sign", "--scheme", "infisical", "--secret", Secret, "--body-file", "-", "--timestamp", "1712345678901", "--out", signedBody.Path],
            """{"event":"secrets.modified","project":{"projectId":"p1"}}"""u8.ToArray());

        outcome.ExitCode.Should().Be(0);
        var headers = ParseHeaderLines(outcome.Out);
        var body = File.ReadAllBytes(signedBody.Path);
        Encoding.UTF8.GetString(body).Should().Be("""{"event":"secrets.modified","project":{"projectId":"p1"},"timestamp":1712345678901}""");
        headers.GetValue(InfisicalSignature.SignatureHeaderName).Should().StartWith("t=1712345678901;");
        using var keys = KeyRing.FromSecrets(Secret);
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1712345678901)) });
        scheme.Verify(new WebhookDelivery(headers, body), keys).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task A_changed_body_without_out_gets_a_note_on_standard_error()
    {
        var outcome = await CliHarness.RunAsync(["sign", "--scheme", "infisical", "--secret", Secret, "--body-file", "-"], """{"event":"test"}"""u8.ToArray());

        outcome.ExitCode.Should().Be(0);
        outcome.Error.Should().Contain("--out");
    }

    [Theory]
    [InlineData("github", GitHubSignature.SignatureHeaderName)]
    [InlineData("snyk", SnykSignature.SignatureHeaderName)]
    public async Task Hub_json_output_has_the_headers_and_the_unchanged_body_and_verifies(string scheme, string headerName)
    {
        var input = "{\"zen\":\"Non-blocking is better than blocking.\",\"unicode\":\"é<+>\"}"u8.ToArray();

        var outcome = await CliHarness.RunAsync(["sign", "--scheme", scheme, "--secret-env", "S", "--body-file", "-", "--json"], input, new Dictionary<string, string> { ["S"] = Secret });

        outcome.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(outcome.Out);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("headers", "body");
        var body = Encoding.UTF8.GetBytes(json.RootElement.GetProperty("body").GetString()!);
        body.Should().Equal(input);
        var headers = new WebhookHeaders();
        foreach (var header in json.RootElement.GetProperty("headers").EnumerateObject())
        {
            headers.Add(header.Name, header.Value.GetString()!);
        }

        headers.GetValue(headerName).Should().StartWith("sha256=");
        using var keys = KeyRing.FromSecrets(Secret);
        ToolCatalog.Schemes.Get(scheme).Default.Verify(new WebhookDelivery(headers, body), keys).IsValid.Should().BeTrue();
    }

    public static TheoryData<string> SchemeNames => [.. ToolCatalog.Schemes.AcceptedNames()];

    [Theory]
    [MemberData(nameof(SchemeNames))]
    public async Task Sign_json_output_verifies_with_the_library_for_every_scheme(string scheme)
    {
        var secret = ToolCatalog.Schemes.Get(scheme).GenerateSecret();
        var (input, _) = SampleEvents.Default(scheme).Create("delivery-1", TimeProvider.System.GetUtcNow());
        var target = WebhookRequestTarget.Post(new Uri("https://hooks.example.com/in?tenant=acme"));

        // --url is given for every scheme: those that do not sign the request line ignore it.
        var outcome = await CliHarness.RunAsync(
            ["sign", "--scheme", scheme, "--secret-env", "S", "--body-file", "-", "--json", "--id", "msg_1", "--url", target.Url!.OriginalString],
            input,
            new Dictionary<string, string> { ["S"] = secret });

        outcome.ExitCode.Should().Be(0, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Out);
        var headers = new WebhookHeaders();
        foreach (var header in json.RootElement.GetProperty("headers").EnumerateObject())
        {
            headers.Add(header.Name, header.Value.GetString()!);
        }

        var library = ToolCatalog.Schemes.Get(scheme).Default;
        using var keys = library.CreateKeyRing([secret]);
        library.Verify(new WebhookDelivery(headers, Encoding.UTF8.GetBytes(json.RootElement.GetProperty("body").GetString()!), target), keys).IsValid.Should().BeTrue();
        if (scheme == GitLabToken.SchemeName)
        {
            // GitLab's header is the token itself: the one output that carries a secret, because it is what is sent.
            headers.GetValue(GitLabToken.TokenHeaderName).Should().Be(secret);
        }
        else
        {
            outcome.All.Should().NotContain(secret);
        }
    }

    [Fact]
    public async Task A_body_the_scheme_cannot_sign_is_a_usage_error()
    {
        var outcome = await CliHarness.RunAsync(["sign", "--scheme", "infisical", "--secret", Secret, "--body-file", "-"], "not json"u8.ToArray());

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain("cannot sign this body");
    }

    [Theory]
    [InlineData]
    [InlineData("--secret", Secret, "--secret-env", "S")]
    public async Task Sign_needs_exactly_one_secret(params string[] secretArgs)
    {
        var outcome = await CliHarness.RunAsync(["sign", "--scheme", "github", "--body-file", "-", .. secretArgs], "{}"u8.ToArray(), new Dictionary<string, string> { ["S"] = Secret });

        outcome.ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Sign_never_prints_the_secret()
    {
        var outcome = await CliHarness.RunAsync(["sign", "--scheme", "infisical", "--secret", Secret, "--body-file", "-", "--json"], """{"event":"test"}"""u8.ToArray());

        outcome.All.Should().NotContain(Secret);
    }

    private static WebhookHeaders ParseHeaderLines(string output)
    {
        var headers = new WebhookHeaders();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(line[..colon], line[(colon + 1)..].Trim());
        }

        return headers;
    }
}

using System.Globalization;
using System.Text.Json;
using WebhookSignatures.Tests.Vectors;

namespace WebhookSignatures.Cli.Tests;

/// <summary>Every shared vector case of every scheme the tool knows, through <c>verify --json</c>.</summary>
public sealed class VectorAgreementTests
{
    private static readonly string[] VectorFiles =
    [
        "infisical.json", "snyk.json", "github.json", "standard-webhooks.json", "stripe.json", "infisical-alerts.json", "discord.json", "standard-webhooks-v1a.json",
        "slack.json", "zoom.json", "twitch.json", "paddle.json",
        "twilio.json", "hubspot.json", "square.json", "shopify.json", "linear.json", "gitlab.json",
    ];

    public static TheoryData<VectorCase> Cases() => [.. CasesForKnownSchemes()];

    [Fact]
    public void The_tool_covers_at_least_the_original_schemes_and_every_vector_file_it_has_a_scheme_for()
    {
        ToolCatalog.Schemes.AcceptedNames().Should().Contain(["infisical", "snyk", "github"]);
        var covered = CasesForKnownSchemes().Select(v => v.Scheme).Distinct();
        covered.Should().BeEquivalentTo(VectorFiles.Select(f => f[..^".json".Length].Replace("-v1a", string.Empty, StringComparison.Ordinal)).Where(ToolCatalog.Schemes.AcceptedNames().Contains).Distinct());
        covered.Should().Contain("discord");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verify_json_agrees_with_every_vector_case(VectorCase vector)
    {
        var (args, environment) = Arguments(vector);

        var outcome = await CliHarness.RunAsync([.. args, "--body-file", "-"], vector.BodyBytes, environment);

        AssertAgrees(vector, outcome);
    }

    [Fact]
    public async Task Verify_reads_the_body_from_a_file_byte_for_byte()
    {
        var vector = VectorCase.Load("infisical.json")[0];
        using var body = new TempFile(vector.BodyBytes);
        var (args, environment) = Arguments(vector);

        var outcome = await CliHarness.RunAsync([.. args, "--body-file", body.Path], environment: environment);

        AssertAgrees(vector, outcome);
        outcome.ExitCode.Should().Be(0);
    }

    internal static (List<string> Args, Dictionary<string, string> Environment) Arguments(VectorCase vector)
    {
        var args = new List<string> { "verify", "--scheme", vector.Scheme, "--json" };
        var environment = new Dictionary<string, string>();

        // The current secret goes on the command line and older ones through variables, which keeps the ring's order.
        for (var i = 0; i < vector.Secrets.Count; i++)
        {
            if (i == 0)
            {
                args.AddRange(["--secret", vector.Secrets[i]]);
            }
            else
            {
                environment[$"SECRET_{i}"] = vector.Secrets[i];
                args.AddRange(["--secret-env", $"SECRET_{i}"]);
            }
        }

        foreach (var (name, value) in vector.Headers)
        {
            args.AddRange(["--header", $"{name}: {value}"]);
        }

        if (vector.NowUnixMs is { } now)
        {
            args.AddRange(["--now", now.ToString(CultureInfo.InvariantCulture)]);
        }

        // A case whose scheme signs the request line names the URL the sender called, and its method.
        if (vector.Url is { } url)
        {
            args.AddRange(["--url", url, "--method", vector.Method ?? "POST"]);
        }

        if (vector.ToleranceSeconds is { } tolerance)
        {
            args.AddRange(["--tolerance", tolerance.ToString(CultureInfo.InvariantCulture)]);
        }

        return (args, environment);
    }

    private static void AssertAgrees(VectorCase vector, CliOutcome outcome)
    {
        outcome.ExitCode.Should().Be(vector.ExpectedValid ? 0 : 1, "case {0}: {1}", vector, outcome.All);
        outcome.Out.Trim().Split('\n').Should().ContainSingle("exactly one JSON object is printed");
        using var json = JsonDocument.Parse(outcome.Out);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("valid", "scheme", "reason", "matchedSecretIndex", "timestampUnixMs", "event");
        root.GetProperty("valid").GetBoolean().Should().Be(vector.ExpectedValid, "case {0}", vector);
        root.GetProperty("scheme").GetString().Should().Be(vector.Scheme);
        if (vector.ExpectedReason is not null)
        {
            root.GetProperty("reason").GetString().Should().Be(vector.ExpectedReason, "case {0}", vector);
        }

        if (vector.ExpectedValid)
        {
            root.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);
            Nullable(root.GetProperty("matchedSecretIndex"))?.GetInt32().Should().Be(vector.ExpectedMatchedSecretIndex);
            root.GetProperty("matchedSecretIndex").ValueKind.Should().Be(vector.ExpectedMatchedSecretIndex is null ? JsonValueKind.Null : JsonValueKind.Number);
            Nullable(root.GetProperty("timestampUnixMs"))?.GetInt64().Should().Be(vector.ExpectedTimestampUnixMs);
            root.GetProperty("timestampUnixMs").ValueKind.Should().Be(vector.ExpectedTimestampUnixMs is null ? JsonValueKind.Null : JsonValueKind.Number);
        }
        else
        {
            root.GetProperty("reason").GetString().Should().NotBeNullOrEmpty();
        }
    }

    private static List<VectorCase> CasesForKnownSchemes() =>
        [.. VectorFiles.SelectMany(VectorCase.Load).Where(v => ToolCatalog.Schemes.AcceptedNames().Contains(v.Scheme))];

    private static JsonElement? Nullable(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element;
}

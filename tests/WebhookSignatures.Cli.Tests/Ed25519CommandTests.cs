using System.Text.Json;
using WebhookSignatures.Schemes.Discord;

namespace WebhookSignatures.Cli.Tests;

/// <summary><c>sign</c> with a private key and <c>verify</c> with its public key, for both Ed25519 schemes.</summary>
public sealed class Ed25519CommandTests
{
    // RFC 8032's third test key: its seed as whsk_, and its public key as whpk_.
    private const string StandardPrivateKey = "whsk_xaqN9D+fg3vtt0QvMdy3sWbThTUHbwlLhc46LgtEWPc=";
    private const string StandardPublicKey = "whpk_/FHNjmIYoaONpH7QAjDwWAgW7RO6MwOsXeuRFUiQgCU=";
    private const string OtherSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task A_whsk_signature_verifies_with_the_whpk_public_key_after_a_secret_in_the_ring()
    {
        var body = """{"type":"user.created"}"""u8.ToArray();
        var headers = await SignAsync("standard-webhooks", StandardPrivateKey, body);

        headers["webhook-signature"].Should().StartWith("v1a,");
        var verdict = await VerifyAsync("standard-webhooks", [OtherSecret, StandardPublicKey], headers, body);
        verdict.GetProperty("valid").GetBoolean().Should().BeTrue();
        verdict.GetProperty("matchedSecretIndex").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_discord_private_key_signs_and_the_application_public_key_verifies()
    {
        var privateKey = DiscordSignature.GeneratePrivateKey();
        var body = """{"id":"1","type":1}"""u8.ToArray();
        var headers = await SignAsync("discord", privateKey, body);

        var verdict = await VerifyAsync("discord", [privateKey[64..]], headers, body);
        verdict.GetProperty("valid").GetBoolean().Should().BeTrue();
        verdict.GetProperty("event").GetString().Should().Be("PING");

        var tampered = await VerifyAsync("discord", [privateKey[64..]], headers, """{"id":"1","type":2}"""u8.ToArray());
        tampered.GetProperty("reason").GetString().Should().Be("SignatureMismatch");
    }

    [Fact]
    public async Task The_hint_names_a_matching_public_key_as_a_public_key_not_a_secret()
    {
        var body = """{"type":"user.created"}"""u8.ToArray();
        var headers = await SignAsync("standard-webhooks", StandardPrivateKey, body);

        var outcome = await CliHarness.RunAsync(
            ["verify", "--scheme", "standard-webhooks", "--body-file", "-", "--secret", OtherSecret, "--secret", StandardPublicKey, .. headers.SelectMany(h => new[] { "--header", $"{h.Key}: {h.Value}" })],
            body);

        outcome.Out.Should().Contain("An older public key (#1 of 2) matched").And.Contain("current secret (#0)");
    }

    [Fact]
    public async Task A_public_key_cannot_sign_and_the_tool_says_so_without_printing_it()
    {
        var outcome = await CliHarness.RunAsync(["sign", "--scheme", "standard-webhooks", "--secret", StandardPublicKey, "--body-file", "-"], "{}"u8.ToArray());

        outcome.ExitCode.Should().Be(ExitCodes.Usage);
        outcome.All.Should().NotContain(StandardPublicKey);
    }

    private static async Task<Dictionary<string, string>> SignAsync(string scheme, string key, byte[] body)
    {
        var outcome = await CliHarness.RunAsync(["sign", "--scheme", scheme, "--secret-env", "KEY", "--body-file", "-", "--json"], body, new Dictionary<string, string> { ["KEY"] = key });
        outcome.ExitCode.Should().Be(0, outcome.Error);
        outcome.All.Should().NotContain(key, "a private key is never printed");
        using var json = JsonDocument.Parse(outcome.Out);
        return json.RootElement.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    private static async Task<JsonElement> VerifyAsync(string scheme, string[] keys, Dictionary<string, string> headers, byte[] body)
    {
        var outcome = await CliHarness.RunAsync(
            ["verify", "--scheme", scheme, "--json", "--body-file", "-", .. keys.SelectMany(k => new[] { "--secret", k }), .. headers.SelectMany(h => new[] { "--header", $"{h.Key}: {h.Value}" })],
            body);
        return JsonDocument.Parse(outcome.Out).RootElement.Clone();
    }
}

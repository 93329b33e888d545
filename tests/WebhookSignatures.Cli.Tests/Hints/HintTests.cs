using System.Text;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Cli.Tests.Hints;

/// <summary>
/// Every hint that names a cause fires on its case, and none fires on a correct delivery of any scheme in the catalog
/// (nor on one that fails only because the secret is another). Each delivery is signed for and checked on
/// <see cref="HintCheck.Target"/>, so the schemes that sign the request line get a correct delivery too.
/// </summary>
public sealed class HintTests
{
    private const string Secret = "hint-tests-secret-6e1f0a";

    // What a hint says when it claims a cause; a correct delivery must get none of them.
    private static readonly string[] CauseMarkers =
    [
        "The signature matches the body", "The signature matches the URL", "has leading or trailing whitespace", "prefix in front", "but the", "looks like Unix", "indented JSON",
    ];

    public static TheoryData<string, string> CorrectDeliveries()
    {
        var data = new TheoryData<string, string>();
        foreach (var descriptor in ToolCatalog.Schemes.All)
        {
            foreach (var body in Bodies.Keys)
            {
                data.Add(descriptor.Name, body);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["stripe-indented"] = "{\n  \"id\": \"evt_1\",\n  \"object\": \"event\",\n  \"data\": {\n    \"object\": {\n      \"amount\": 4200\n    }\n  },\n  \"type\": \"payment_intent.succeeded\"\n}",
        ["compact-escaped"] = "{\"name\":\"Caf\\u00E9 \\u003Cb\\u003E\",\"list\":[1,2.50,true,null],\"nested\":{\"b\":2,\"a\":1}}",
        ["compact-unicode"] = "{\"name\":\"Café <b> 日本\",\"id\":\"x\"}",
        ["final-newline"] = "{\"event\":\"test\",\"n\":1}\n",
        ["crlf"] = "{\r\n  \"event\": \"test\"\r\n}",
    };

    [Theory]
    [MemberData(nameof(CorrectDeliveries))]
    public void A_correct_delivery_of_every_scheme_gets_no_hint_but_the_secret_that_matched(string scheme, string bodyName)
    {
        var descriptor = ToolCatalog.Schemes.Get(scheme);
        var secret = descriptor.GenerateSecret();
        var signed = HintCheck.Sign(descriptor, secret, HintCheck.BodyFor(scheme, Bodies[bodyName]));

        var verdict = HintCheck.Check(scheme, [secret], signed.Headers, signed.Body.ToArray());

        verdict.Result.IsValid.Should().BeTrue();
        verdict.Hints.Should().Equal("The current secret (#0 of 1) matched.");
    }

    [Theory]
    [MemberData(nameof(CorrectDeliveries))]
    public void A_correct_delivery_checked_with_another_secret_gets_no_hint_that_claims_a_cause(string scheme, string bodyName)
    {
        var descriptor = ToolCatalog.Schemes.Get(scheme);
        var signed = HintCheck.Sign(descriptor, descriptor.GenerateSecret(), HintCheck.BodyFor(scheme, Bodies[bodyName]));

        var hints = HintCheck.Explain(scheme, [descriptor.GenerateSecret()], signed.Headers, signed.Body.ToArray());

        hints.Should().NotBeEmpty();
        foreach (var marker in CauseMarkers)
        {
            hints.Should().NotContain(h => h.Contains(marker, StringComparison.Ordinal), $"'{marker}' claims a cause that is not there");
        }
    }

    [Fact]
    public void A_genuine_indented_stripe_body_that_only_lost_its_final_newline_is_named_as_that_and_not_as_reserialized()
    {
        var signed = Stripe("{\n  \"id\": \"evt_1\",\n  \"type\": \"invoice.paid\"\n}\n");
        var received = signed.Body.ToArray()[..^1];

        var hints = HintCheck.Explain("stripe", [StripeSecret], signed.Headers, received);

        hints.Should().ContainSingle().Which.Should().Contain("with a final line break");
        hints.Should().NotContain(h => h.Contains("re-serialized", StringComparison.Ordinal) || h.Contains("indented", StringComparison.Ordinal));
    }

    [Fact]
    public void A_body_that_gained_a_final_newline_is_named()
    {
        var hints = GitHubHints("{\"zen\":\"x\"}", "{\"zen\":\"x\"}\n");

        hints.Should().ContainSingle().Which.Should().Contain("without its final line break");
    }

    [Fact]
    public void Line_endings_converted_to_CRLF_are_named()
    {
        var hints = GitHubHints("{\n\"zen\": \"x\"\n}", "{\r\n\"zen\": \"x\"\r\n}");

        hints.Should().ContainSingle().Which.Should().Contain("with LF instead of CRLF line endings");
    }

    [Fact]
    public void A_body_indented_after_signing_is_named_as_compact_json()
    {
        var hints = GitHubHints("{\"zen\":\"x\",\"n\":[1,2]}", "{\n  \"zen\": \"x\",\n  \"n\": [\n    1,\n    2\n  ]\n}");

        hints.Should().ContainSingle().Which.Should().Contain("as compact JSON: it was re-serialized");
    }

    [Fact]
    public void A_body_reserialized_by_dotnet_escaping_is_named()
    {
        var hints = GitHubHints("{\"name\":\"Café <b>\"}", "{\"name\":\"Caf\\u00E9 \\u003Cb\\u003E\"}");

        hints.Should().ContainSingle().Which.Should().Contain("with \\u escapes written as the characters they stand for");
    }

    [Fact]
    public void A_body_whose_escapes_were_decoded_is_named()
    {
        var hints = GitHubHints("{\"name\":\"Caf\\u00E9 \\u003Cb\\u003E\"}", "{\"name\":\"Café <b>\"}");

        hints.Should().ContainSingle().Which.Should().Contain("escaped as \\u00E9 and \\u003C");
    }

    [Fact]
    public void A_body_whose_keys_were_reordered_is_named()
    {
        var hints = GitHubHints("{\"action\":\"opened\",\"number\":7,\"zen\":\"x\"}", "{\"zen\":\"x\",\"number\":7,\"action\":\"opened\"}");

        hints.Should().ContainSingle().Which.Should().Contain("keys in sorted order");
    }

    [Fact]
    public void A_stripe_body_compacted_and_escaped_by_dotnet_is_named_with_both_changes()
    {
        var signed = Stripe("{\n  \"id\": \"evt_1\",\n  \"description\": \"Café\"\n}");

        var hints = HintCheck.Explain("stripe", [StripeSecret], signed.Headers, "{\"id\":\"evt_1\",\"description\":\"Caf\\u00E9\"}"u8.ToArray());

        hints.Should().ContainSingle().Which.Should().Contain("indented by two spaces, with \\u escapes written as the characters");
    }

    [Fact]
    public void A_stripe_secret_without_its_whsec_prefix_is_named()
    {
        var signed = Stripe("{\"id\":\"evt_1\"}");

        var hints = HintCheck.Explain("stripe", [StripeSecret["whsec_".Length..]], signed.Headers, signed.Body.ToArray());

        hints.Should().ContainSingle().Which.Should().Contain("Secret #0 matches with the whsec_ prefix in front");
    }

    [Fact]
    public void A_stripe_timestamp_in_milliseconds_is_named()
    {
        var body = "{\"id\":\"evt_1\"}"u8.ToArray();
        var t = HintCheck.Now.ToUnixTimeMilliseconds();
        var header = $"t={t},v1={Convert.ToHexStringLower(Mac(StripeSecret, $"{t}.", body))}";

        var hints = HintCheck.Explain("stripe", [StripeSecret], [new(StripeSignature.SignatureHeaderName, header)], body);

        hints.Should().Contain(h => h.Contains("looks like Unix milliseconds", StringComparison.Ordinal) && h.Contains("timestamp is in seconds", StringComparison.Ordinal));
    }

    [Fact]
    public void An_infisical_alert_timestamp_in_seconds_is_named()
    {
        var body = "{\"type\":\"x\"}"u8.ToArray();
        var seconds = HintCheck.Now.ToUnixTimeSeconds();
        var mac = Mac(Secret, $"{seconds}.", body);

        var hints = HintCheck.Explain("infisical-alerts", [Secret], [new(InfisicalSignature.SignatureHeaderName, $"t={seconds},v1={Convert.ToHexStringLower(mac)}")], body);

        hints.Should().Contain(h => h.Contains("looks like Unix seconds", StringComparison.Ordinal) && h.Contains("in milliseconds", StringComparison.Ordinal));
    }

    [Fact]
    public void A_standard_webhooks_signature_in_hex_is_named()
    {
        var secret = StandardWebhooksSignature.GenerateSecret();
        var signed = HintCheck.Sign(ToolCatalog.Schemes.Get("standard-webhooks"), secret, "{\"type\":\"x\"}"u8.ToArray());
        var headers = signed.Headers.Select(h => h.Key == StandardWebhooksSignature.SignatureHeaderName
            ? new KeyValuePair<string, string>(h.Key, "v1," + Convert.ToHexStringLower(Convert.FromBase64String(h.Value["v1,".Length..])))
            : h).ToList();

        var hints = HintCheck.Explain("standard-webhooks", [secret], headers, signed.Body.ToArray());

        hints.Should().ContainSingle().Which.Should().Contain("is hex, but the standard-webhooks scheme expects base64");
    }

    [Fact]
    public void A_github_signature_in_base64_is_named()
    {
        var body = "{\"zen\":\"x\"}"u8.ToArray();
        var hex = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret))["sha256=".Length..];

        var hints = HintCheck.Explain("github", [Secret], [new(GitHubSignature.SignatureHeaderName, "sha256=" + Convert.ToBase64String(Convert.FromHexString(hex)))], body);

        hints.Should().ContainSingle().Which.Should().Contain("is base64, but the github scheme expects hex");
    }

    [Fact]
    public void A_secret_with_whitespace_is_named_without_printing_it()
    {
        var body = "{\"zen\":\"x\"}"u8.ToArray();
        var header = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));

        var hints = HintCheck.Explain("github", [Secret + " "], [new(GitHubSignature.SignatureHeaderName, header)], body);

        hints.Should().ContainSingle().Which.Should().Contain("Secret #0 has leading or trailing whitespace").And.NotContain(Secret);
    }

    private const string StripeSecret = "whsec_hintTestsStripeSecret0123456789";

    private static SignedWebhook Stripe(string body) =>
        HintCheck.Sign(ToolCatalog.Schemes.Get(StripeSignature.SchemeName), StripeSecret, Encoding.UTF8.GetBytes(body));

    private static byte[] Mac(string secret, string prefix, byte[] body) =>
        System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.ASCII.GetBytes(prefix), .. body]);

    private static List<string> GitHubHints(string signedBody, string receivedBody)
    {
        var header = HubSignature.CreateSignatureHeader(Encoding.UTF8.GetBytes(signedBody), Encoding.UTF8.GetBytes(Secret));
        return HintCheck.Explain("github", [Secret], [new(GitHubSignature.SignatureHeaderName, header)], Encoding.UTF8.GetBytes(receivedBody));
    }
}

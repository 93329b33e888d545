using System.Text;

namespace WebhookSignatures.Cli.Tests.Hints;

/// <summary>
/// The schemes that sign the request line (twilio, hubspot, square): a delivery checked with a URL other than the one
/// signed, as a proxy or a framework rewrites it, is explained by naming the URL that verifies.
/// </summary>
public sealed class RequestUrlHintTests
{
    private const string Body = "{\"type\":\"payment.created\",\"event_id\":\"evt_1\"}";

    public static TheoryData<string, string, string, string> Rewrites()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var scheme in new[] { "twilio", "hubspot", "square" })
        {
            data.Add(scheme, "https://hooks.example.com/webhooks/in", "http://hooks.example.com/webhooks/in", "https instead of http");
            data.Add(scheme, "http://127.0.0.1:5080/webhooks/in", "https://127.0.0.1:5080/webhooks/in", "http instead of https");
            data.Add(scheme, "https://hooks.example.com/webhooks/in/", "https://hooks.example.com/webhooks/in", "with a trailing slash");
            data.Add(scheme, "https://hooks.example.com/webhooks/in", "https://hooks.example.com/webhooks/in/", "without the trailing slash");
            data.Add(scheme, "https://hooks.example.com/webhooks/in", "https://hooks.example.com/webhooks/in?tenant=acme", "without the query");
            data.Add(scheme, "https://hooks.example.com/webhooks/in", "http://hooks.example.com:80/webhooks/in", "https instead of http, without the port :80");
        }

        // Twilio's own check tries the URL with and without the default port, so only the others need the hint for it.
        foreach (var scheme in new[] { "hubspot", "square" })
        {
            data.Add(scheme, "https://hooks.example.com:443/webhooks/in", "https://hooks.example.com/webhooks/in", "with the default port :443");
            data.Add(scheme, "https://hooks.example.com/webhooks/in", "https://hooks.example.com:443/webhooks/in", "without the port :443");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rewrites))]
    public void A_signature_over_another_spelling_of_the_url_names_the_one_that_verifies(string scheme, string signedUrl, string checkedUrl, string change)
    {
        var secret = ToolCatalog.Schemes.Get(scheme).GenerateSecret();
        var signed = HintCheck.Sign(ToolCatalog.Schemes.Get(scheme), secret, Encoding.UTF8.GetBytes(Body), Post(signedUrl));

        var verdict = HintCheck.Check(scheme, [secret], signed.Headers, signed.Body.ToArray(), Post(checkedUrl));

        verdict.Result.FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        verdict.Hints.Should().ContainSingle().Which.Should()
            .StartWith($"The signature matches the URL {signedUrl} ({change}), not {checkedUrl},").And.NotContain(secret);
    }

    [Theory]
    [InlineData("twilio")]
    [InlineData("hubspot")]
    [InlineData("square")]
    public void A_url_no_rewrite_explains_gets_no_url_hint(string scheme)
    {
        var secret = ToolCatalog.Schemes.Get(scheme).GenerateSecret();
        var signed = HintCheck.Sign(ToolCatalog.Schemes.Get(scheme), secret, Encoding.UTF8.GetBytes(Body), Post("https://hooks.example.com/webhooks/in"));

        var hints = HintCheck.Explain(scheme, [secret], signed.Headers, signed.Body.ToArray(), Post("https://other.example.com/webhooks/in"));

        hints.Should().NotContain(h => h.Contains("matches the URL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("twilio")]
    [InlineData("hubspot")]
    [InlineData("square")]
    public void A_url_rewrite_checked_with_another_secret_gets_no_url_hint(string scheme)
    {
        var descriptor = ToolCatalog.Schemes.Get(scheme);
        var signed = HintCheck.Sign(descriptor, descriptor.GenerateSecret(), Encoding.UTF8.GetBytes(Body), Post("https://hooks.example.com/webhooks/in"));

        var hints = HintCheck.Explain(scheme, [descriptor.GenerateSecret()], signed.Headers, signed.Body.ToArray(), Post("http://hooks.example.com/webhooks/in"));

        hints.Should().NotContain(h => h.Contains("matches the URL", StringComparison.Ordinal));
    }

    private static WebhookRequestTarget Post(string url) => WebhookRequestTarget.Post(new Uri(url));
}

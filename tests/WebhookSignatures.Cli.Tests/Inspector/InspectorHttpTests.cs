using System.Net;
using System.Text;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>The inspector over plain HTTP: its HTML, its headers and who may use it.</summary>
public sealed class InspectorHttpTests
{
    private const string Secret = "inspector-http-secret-1c9d7e";

    [Fact]
    public async Task The_page_holds_the_deliveries_received_encoded_under_a_strict_content_security_policy()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--inspect");
        await PostAsync(listener.Url, "{\"zen\":\"<script>alert(1)</script>\"}", ("X-GitHub-Event", "<img src=x onerror=alert(1)>"));
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(listener.Url, "/_inspect"));
        var html = await response.Content.ReadAsStringAsync();

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("img-src 'none'").And.NotContain("unsafe-inline");
        html.Should().Contain("id=\"delivery-1\"").And.Contain("&lt;img src=x onerror=alert(1)&gt;").And.Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.Should().NotContain("<img").And.NotContain("<script>alert");
        html.Should().Contain("SignatureMismatch").And.NotContain(Secret);
    }

    [Fact]
    public async Task A_page_reached_under_another_host_name_is_refused()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--inspect");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(listener.Url, "/_inspect"));
        request.Headers.Host = "attacker.example";

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Resend_without_the_pages_header_or_from_another_origin_is_refused()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--inspect");
        await PostAsync(listener.Url, "{}", ("X-GitHub-Event", "ping"));
        using var client = new HttpClient();
        var resend = new Uri(listener.Url, "/_inspect/deliveries/1/resend");

        using var bare = await client.PostAsync(resend, null);
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, resend);
        crossSite.Headers.Add("X-Webhooksig-Inspector", "resend");
        crossSite.Headers.Add("Origin", "https://attacker.example");
        using var fromElsewhere = await client.SendAsync(crossSite);
        var log = await listener.StopAsync();

        bare.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        fromElsewhere.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        log.Out.Split('\n').Count(l => l.Contains("rejected 401", StringComparison.Ordinal)).Should().Be(1, "nothing was resent");
    }

    [Fact]
    public async Task Only_the_last_deliveries_asked_for_are_kept()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--inspect", "--inspect-keep", "2");
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(listener.Url, "{}", ("X-GitHub-Event", "ping"));
        }

        using var client = new HttpClient();
        var html = await client.GetStringAsync(new Uri(listener.Url, "/_inspect"));

        html.Should().Contain("id=\"delivery-3\"").And.Contain("id=\"delivery-2\"").And.NotContain("id=\"delivery-1\"");
    }

    private static async Task PostAsync(Uri url, string body, params (string Name, string Value)[] headers)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(GitHubSignature.SignatureHeaderName, "sha256=" + new string('0', 64));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Cli.Tests;

/// <summary><c>listen</c>: <c>--redis</c> checked at start, <c>/healthz</c>, <c>--verbose</c>.</summary>
public sealed class ListenHygieneTests
{
    private const string Secret = "listen-hygiene-secret-5b8e2a";

    [Theory]
    [InlineData("nonsense:::")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("[not-ipv6]:6379")]
    public async Task An_invalid_redis_address_is_exit_2_before_anything_starts(string address)
    {
        var outcome = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--redis", address]);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain("--redis needs host:port");
    }

    [Fact]
    public async Task An_unreachable_redis_is_a_clear_error_naming_the_flag()
    {
        var outcome = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--redis", "127.0.0.1:1"]);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().StartWith("error: --redis 127.0.0.1:1: ").And.Contain("cannot reach Redis").And.NotContain("Cannot listen");
    }

    [Fact]
    public async Task Healthz_reports_the_memory_store_and_is_not_a_delivery()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret);
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(listener.Url, "/healthz"));
        var body = await response.Content.ReadAsStringAsync();
        var log = await listener.StopAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        json.RootElement.GetProperty("checks").GetProperty("webhook-delivery-store").GetProperty("description").GetString().Should().Be("in memory");
        log.Out.Should().NotContain("healthz").And.NotContain("not-found");
    }

    [Fact]
    public async Task Healthz_reports_the_redis_store()
    {
        var redis = (await RedisServer.SharedAsync()).Endpoint;
        // The run's Redis keeps no append-only file: accepted here, so the check is about Redis answering.
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--redis", redis, "--redis-durability", "may-forget-on-restart");
        using var client = new HttpClient();

        var body = await client.GetStringAsync(new Uri(listener.Url, "/healthz"));

        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        json.RootElement.GetProperty("checks").GetProperty("webhook-delivery-store").GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Verbose_prints_headers_and_body_escaped_and_hides_credentials()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--verbose");
        var body = Encoding.UTF8.GetBytes("{\"zen\":\"line one\",\n\"evil\":\"\u001b]0;owned\u0007\"}");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, listener.Url) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation(GitHubSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret)));
        request.Headers.TryAddWithoutValidation(GitHubSignature.EventHeaderName, "push");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sender-token-123");
        using (await client.SendAsync(request))
        {
        }

        var log = await listener.StopAsync();

        log.Out.Should().Contain("accepted 204").And.Contain("    X-GitHub-Event: push").And.Contain("    Authorization: (hidden)");
        log.Out.Should().Contain("    {\"zen\":\"line one\",").And.Contain("\\x1b]0;owned\\x07");
        log.Out.Should().NotContain("\u001b").And.NotContain("sender-token-123").And.NotContain(Secret);
    }
}

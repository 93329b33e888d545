using System.Net;

namespace WebhookSignatures.Cli.Tests;

/// <summary><c>listen</c> goes through the ASP.NET Core verifier, so it answers a verified handshake and refuses a forged one.</summary>
public sealed class ListenHandshakeTests
{
    private const string Secret = "listen-handshake-secret-7a1c0e9f";

    [Fact]
    public async Task Listen_answers_a_signed_slack_url_verification_with_its_challenge_and_refuses_a_forged_one()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "slack", "--secret", Secret);
        var body = """{"token":"t","challenge":"listen-challenge-4711","type":"url_verification"}"""u8.ToArray();

        var (status, answer) = await PostAsync(listener.Url, ToolCatalog.Schemes.Get("slack").Default, Secret, body);
        var (forgedStatus, forgedAnswer) = await PostAsync(listener.Url, ToolCatalog.Schemes.Get("slack").Default, "a-secret-listen-was-never-given-0", body);
        var log = await listener.StopAsync();

        status.Should().Be(HttpStatusCode.OK);
        answer.Should().Be("listen-challenge-4711");
        forgedStatus.Should().Be(HttpStatusCode.Unauthorized);
        forgedAnswer.Should().NotContain("listen-challenge-4711");
        log.Out.Should().Contain("rejected 401 SignatureMismatch");
        log.All.Should().NotContain(Secret);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(Uri url, WebhookScheme scheme, string secret, byte[] body)
    {
        using var keys = KeyRing.FromSecrets(secret);
        var signed = scheme.Sign(body, keys);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(signed.Body.ToArray()) };
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Text;
using WebhookSignatures.Schemes.Twilio;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// <c>listen --forward-to</c> with Twilio, which signs the URL: a captured delivery replayed with the default port in its
/// <c>Host</c> header verifies (Twilio's validators accept both spellings) and is the delivery already handled, so the
/// application behind the tool sees it once.
/// </summary>
public sealed class RequestSigningReplayTests
{
    private const string Token = "twilio-auth-token-listen-00001";

    [Fact]
    public async Task A_twilio_delivery_replayed_with_the_default_port_in_the_host_header_is_forwarded_once()
    {
        await using var application = await CountingApplication.StartAsync();
        await using var listener = await RunningListener.StartAsync(
            "--scheme", "twilio", "--secret", Token, "--path", "/twilio", "--forward-to", application.Url.ToString());
        var body = "AccountSid=AC1&Body=replayed&MessageSid=SM9"u8.ToArray();
        var signature = TwilioSignature.CreateSignatureHeader(new Uri("http://hooks.example.com/twilio"), body, Encoding.UTF8.GetBytes(Token));

        var first = await SendAsync(listener.Url, "hooks.example.com", body, signature);
        var replay = await SendAsync(listener.Url, "hooks.example.com:80", body, signature);
        await listener.StopAsync();

        first.Should().Be(HttpStatusCode.Accepted);
        replay.Should().Be(HttpStatusCode.OK, "the replay verifies and is acknowledged as a duplicate");
        application.Received.Should().ContainSingle();
    }

    private static async Task<HttpStatusCode> SendAsync(Uri listener, string host, byte[] body, string signature)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(listener, "/twilio")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation(TwilioSignature.SignatureHeaderName, signature);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}

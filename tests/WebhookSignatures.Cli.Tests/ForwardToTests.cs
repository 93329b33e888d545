using System.Net;
using System.Text;
using WebhookSignatures.Tests.Sending;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// <c>listen --forward-to</c>: exactly-once handling in front of an application, as <c>stripe listen --forward-to</c>
/// stands in front of one: the first verified delivery is forwarded byte for byte, failures leave it to the retry,
/// duplicates are answered without forwarding.
/// </summary>
public sealed class ForwardToTests
{
    private const string Secret = "listen-forward-secret-0000001";

    [Fact]
    public async Task A_verified_delivery_is_forwarded_with_its_headers_and_exact_bytes_and_the_sender_gets_the_applications_status()
    {
        await using var application = await CountingApplication.StartAsync();
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--forward-to", application.Url.ToString());
        var body = Encoding.UTF8.GetBytes("{ \"zen\": \"Keep it logically awesome.\",\n  \"hook_id\": 1 }\n");

        var (status, answer) = await SendAsync(listener.Url, body);
        var log = await listener.StopAsync();

        status.Should().Be(HttpStatusCode.Accepted);
        answer.Should().Be("handled");
        var received = application.Received.Should().ContainSingle().Subject;
        received.Body.Should().Equal(body);
        received.Headers["X-GitHub-Event"].Should().Be("ping");
        received.Headers["X-GitHub-Delivery"].Should().Be("d-1");
        received.Headers[GitHubSignature.SignatureHeaderName].Should().Be(Header(body));
        log.Out.Should().Contain("forwarding to " + application.Url).And.Contain("accepted 202");
    }

    [Fact]
    public async Task A_failing_application_leaves_the_delivery_to_the_senders_retry_and_a_duplicate_of_a_handled_one_is_not_forwarded()
    {
        await using var application = await CountingApplication.StartAsync();
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--forward-to", application.Url.ToString());
        var body = Encoding.UTF8.GetBytes($$"""{"delivery":"{{Guid.NewGuid()}}"}""");

        application.Status = 500;
        var failed = await SendAsync(listener.Url, body);
        application.Status = 200;
        var retried = await SendAsync(listener.Url, body);
        var duplicate = await SendAsync(listener.Url, body);

        failed.Status.Should().Be(HttpStatusCode.InternalServerError);
        retried.Status.Should().Be(HttpStatusCode.OK);
        duplicate.Status.Should().Be(HttpStatusCode.OK);
        duplicate.Body.Should().BeEmpty("the duplicate was answered by listen, not by the application");
        application.Received.Should().HaveCount(2, "the failed attempt and its retry; never the duplicate");
    }

    [Fact]
    public async Task An_unreachable_application_is_502_and_the_retry_is_forwarded_once_it_is_back()
    {
        var port = FreePort();
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--forward-to", $"http://127.0.0.1:{port}/app/hooks");
        var body = Encoding.UTF8.GetBytes($$"""{"delivery":"{{Guid.NewGuid()}}"}""");

        var unreachable = await SendAsync(listener.Url, body);
        var log = await listener.StopAsync();

        unreachable.Status.Should().Be(HttpStatusCode.BadGateway);
        log.Out.Should().Contain("downstream-unreachable 502");

        // The same delivery again, now that an application answers: it was released, so it is forwarded.
        await using var application = await CountingApplication.StartAsync();
        await using var second = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--forward-to", application.Url.ToString());
        (await SendAsync(second.Url, body)).Status.Should().Be(HttpStatusCode.Accepted);
        application.Received.Should().ContainSingle();
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nhandled, and then")]
    [InlineData("HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n400\r\nhandled, and then")]
    [InlineData("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")]
    public async Task An_application_that_answers_2xx_and_then_cuts_its_body_short_has_handled_the_delivery_once(string answer)
    {
        await using var application = LoopbackReceiver.Answering(answer);
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--forward-to", application.Url.ToString());
        var body = Encoding.UTF8.GetBytes($$"""{"delivery":"{{Guid.NewGuid()}}"}""");
        var status = (HttpStatusCode)int.Parse(answer["HTTP/1.1 ".Length..][..3], System.Globalization.CultureInfo.InvariantCulture);

        var first = await SendAsync(listener.Url, body);
        var second = await SendAsync(listener.Url, body);
        var third = await SendAsync(listener.Url, body);
        var log = await listener.StopAsync();

        first.Status.Should().Be(status, "the application answered it");
        application.Received.Should().ContainSingle("the application answered 2xx, so the delivery is handled and its repeats are duplicates");
        second.Status.Should().Be(HttpStatusCode.OK);
        third.Status.Should().Be(HttpStatusCode.OK);
        var lines = log.Out.Split('\n').Where(l => l.Contains(" github ", StringComparison.Ordinal)).ToList();
        lines.Should().HaveCount(3, "one line per delivery, the cut one included");
        if (answer.EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            lines[0].Should().EndWith($"accepted {(int)status}");
        }
        else
        {
            lines[0].Should().EndWith($"accepted {(int)status} DownstreamBodyCutShort");
        }

        lines[1].Should().Contain("duplicate 200 Duplicate");
    }

    [Fact]
    public async Task An_application_that_answers_500_and_then_cuts_its_body_short_leaves_the_delivery_to_the_retry()
    {
        await using var application = LoopbackReceiver.Answering("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1000\r\n\r\nfailed, and then");
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--forward-to", application.Url.ToString());
        var body = Encoding.UTF8.GetBytes($$"""{"delivery":"{{Guid.NewGuid()}}"}""");

        var first = await SendAsync(listener.Url, body);
        var retry = await SendAsync(listener.Url, body);
        var log = await listener.StopAsync();

        first.Status.Should().Be(HttpStatusCode.InternalServerError);
        retry.Status.Should().Be(HttpStatusCode.InternalServerError);
        application.Received.Should().HaveCount(2, "a failed delivery is forwarded again on the retry");
        log.Out.Split('\n').Count(l => l.EndsWith("500 500 DownstreamBodyCutShort", StringComparison.Ordinal)).Should().Be(2);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/hooks")]
    [InlineData("/relative/path")]
    public async Task Forward_to_needs_an_absolute_http_url(string target)
    {
        var outcome = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--forward-to", target]);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain("--forward-to");
    }

    private static string Header(byte[] body) => HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(Uri url, byte[] body)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(GitHubSignature.SignatureHeaderName, Header(body));
        request.Headers.TryAddWithoutValidation("X-GitHub-Event", "ping");
        request.Headers.TryAddWithoutValidation("X-GitHub-Delivery", "d-1");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

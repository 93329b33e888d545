using System.Net;
using System.Text;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Testing.Servers;
using WebhookSignatures.Tests.Sending;
using WebhookSignatures.Tests.Sending.Guard;

namespace WebhookSignatures.Cli.Tests;

/// <summary><c>listen</c> and <c>send</c> against each other on 127.0.0.1.</summary>
public sealed class ListenAndSendTests
{
    private const string Secret = "listen-and-send-secret-3c5d9";

    [Fact]
    public async Task A_sent_delivery_is_accepted_and_a_tampered_one_gets_401()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--path", "/hooks/github");

        var sent = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", listener.Url.ToString(), "--secret", Secret, "--allow-http", "--event", "ping"]);
        var body = """{"zen":"Anything added dilutes everything else."}"""u8.ToArray();
        var signature = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));
        body[3] ^= 0x20;
        var tampered = await PostAsync(listener.Url, body, (GitHubSignature.SignatureHeaderName, signature));
        var log = await listener.StopAsync();

        sent.ExitCode.Should().Be(0, sent.All);
        sent.Out.Should().Contain("-> 204");
        tampered.Should().Be(HttpStatusCode.Unauthorized);
        var lines = log.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().Contain(l => l.Contains("github") && l.Contains("ping") && l.Contains("accepted 204"));
        lines.Should().Contain(l => l.Contains("github") && l.EndsWith("rejected 401 SignatureMismatch", StringComparison.Ordinal));
        log.Out.Should().EndWith("stopped." + Environment.NewLine);
        (log.All + sent.All).Should().NotContain(Secret);
    }

    [Fact]
    public async Task An_infisical_delivery_sent_with_the_wrong_secret_exits_1_and_is_logged_with_its_reason()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "infisical", "--secret", Secret);

        var sent = await CliHarness.RunAsync(["send", "--scheme", "infisical", "--url", listener.Url.ToString(), "--secret", "a-different-secret-of-enough-bytes", "--allow-http"]);
        var log = await listener.StopAsync();

        sent.ExitCode.Should().Be(1);
        sent.Out.Should().Contain("-> 401");
        log.Out.Should().Contain("rejected 401 SignatureMismatch");
    }

    [Fact]
    public async Task A_resent_delivery_is_acknowledged_as_a_duplicate_and_a_body_over_the_limit_gets_413()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "infisical", "--secret", Secret);
        using var keys = KeyRing.FromSecrets(Secret);
        var signed = InfisicalSignature.Default.Sign("""{"event":"test"}"""u8, keys);
        var header = (InfisicalSignature.SignatureHeaderName, signed.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!);

        var first = await PostAsync(listener.Url, signed.Body.ToArray(), header);
        var again = await PostAsync(listener.Url, signed.Body.ToArray(), header);
        var huge = await PostAsync(listener.Url, new byte[5 * 1024 * 1024], header);
        var log = await listener.StopAsync();

        first.Should().Be(HttpStatusCode.NoContent);
        again.Should().Be(HttpStatusCode.OK, "the sender's resend of a handled delivery is acknowledged, not failed");
        huge.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        log.Out.Should().Contain("infisical").And.Contain("test").And.Contain("duplicate 200 Duplicate").And.Contain("too-large 413 BodyTooLarge");
    }

    [Fact]
    public async Task Two_listeners_sharing_Redis_handle_a_delivery_once()
    {
        var redis = (await RedisServer.SharedAsync()).Endpoint;
        await using var first = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--redis", redis);
        await using var second = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--redis", redis);
        var body = Encoding.UTF8.GetBytes($$"""{"delivery":"{{Guid.NewGuid()}}"}""");
        var header = (GitHubSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret)));

        var accepted = await PostAsync(first.Url, body, header);
        var replayed = await PostAsync(second.Url, body, header);

        accepted.Should().Be(HttpStatusCode.NoContent);
        replayed.Should().Be(HttpStatusCode.OK);
        (await second.StopAsync()).Out.Should().Contain($"Redis at {redis}").And.Contain("duplicate 200 Duplicate");
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hooks")]
    [InlineData("http://10.1.2.3/hooks", "--allow-http")]
    [InlineData("ftp://127.0.0.1/hooks", "--allow-http")]
    public async Task Send_refuses_plain_http_unless_it_is_loopback_and_allowed(string url, params string[] extra)
    {
        // Refused before any lookup or socket; were it not, the connect step admits loopback alone.
        var connector = new LoopbackOnlyConnector();
        var outcome = await CliHarness.RunAsync(["send", "--scheme", "snyk", "--url", url, "--secret", Secret, .. extra], connect: connector.ConnectAsync);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain("HTTPS");
        connector.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_does_not_follow_a_redirect_and_reports_it_with_exit_1()
    {
        await using var elsewhere = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Redirecting(HttpStatusCode.TemporaryRedirect, new Uri(elsewhere.Url, "?token=hunter2"));

        var outcome = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", receiver.Url.ToString(), "--secret", Secret, "--allow-http", "--event", "ping"]);

        outcome.ExitCode.Should().Be(1, outcome.All);
        outcome.Out.Should().Contain("-> 307").And.Contain("not followed").And.Contain($"http://127.0.0.1:{elsewhere.Url.Port}").And.NotContain("hunter2");
        receiver.Received.Should().ContainSingle();
        elsewhere.Connections.Should().Be(0);
    }

    [Fact]
    public async Task Send_reports_a_receiver_that_cannot_be_reached_with_exit_1()
    {
        var outcome = await CliHarness.RunAsync(["send", "--scheme", "snyk", "--url", "http://127.0.0.1:9/hooks", "--secret", Secret, "--allow-http"]);

        outcome.ExitCode.Should().Be(1);
        outcome.Out.Should().Contain("failed");
    }

    [Fact]
    public async Task Without_exactly_once_and_quiet_a_resent_delivery_is_accepted_and_nothing_is_printed_per_delivery()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--no-exactly-once", "--quiet");
        var body = Encoding.UTF8.GetBytes($$"""{"delivery":"{{Guid.NewGuid()}}"}""");
        var header = (GitHubSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret)));

        var first = await PostAsync(listener.Url, body, header);
        var again = await PostAsync(listener.Url, body, header);
        body[3] ^= 0x20;
        var tampered = await PostAsync(listener.Url, body, header);
        var log = await listener.StopAsync();

        first.Should().Be(HttpStatusCode.NoContent);
        again.Should().Be(HttpStatusCode.NoContent, "exactly-once handling is off, so the handler runs again");
        tampered.Should().Be(HttpStatusCode.Unauthorized, "signatures are still verified");
        var lines = log.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().Contain("exactly-once off");
        lines[1].Should().Be("stopped.");
    }

    [Theory]
    [InlineData("--secret", "short")]
    [InlineData("--path", "no-slash", "--secret", Secret)]
    [InlineData("--secret", Secret, "--no-exactly-once", "--redis", "127.0.0.1:6379")]
    [InlineData("--secret", Secret, "--lease", "0.5")]
    [InlineData("--secret", Secret, "--lease", "86401")]
    [InlineData("--secret", Secret, "--lease", "NaN")]
    [InlineData]
    public async Task Listen_refuses_unusable_settings_with_exit_2(params string[] args)
    {
        var outcome = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", .. args]);

        outcome.ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Turning_exactly_once_off_and_sharing_it_through_redis_is_refused_by_name()
    {
        var outcome = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--no-exactly-once", "--redis", "127.0.0.1:6379"]);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain("--redis shares exactly-once handling, and --no-exactly-once turns it off: give one of them.");
    }

    [Theory]
    [InlineData("0", "--lease must be seconds from 1 to 86400 (a day); got 0.")]
    [InlineData("-3", "--lease must be seconds from 1 to 86400 (a day); got -3.")]
    public async Task A_lease_out_of_range_is_refused_by_name(string lease, string message)
    {
        var outcome = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--lease", lease]);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain(message);
    }

    [Fact]
    public async Task A_lease_without_exactly_once_handling_is_refused_by_name()
    {
        var outcome = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--no-exactly-once", "--lease", "3"]);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain("--lease is how long a reservation holds, and --no-exactly-once reserves nothing: give one of them.");
    }

    private static async Task<HttpStatusCode> PostAsync(Uri url, byte[] body, params (string Name, string Value)[] headers)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}

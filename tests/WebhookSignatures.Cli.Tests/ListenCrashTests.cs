using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using StackExchange.Redis;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// <c>listen --redis --forward-to</c> processes killed with SIGKILL while the application behind them handles a forwarded
/// delivery: before the application's effect, and after it but before <c>listen</c> completed the delivery. Each test
/// has its own Redis, its own two <c>listen</c> processes (a lease of three seconds, <c>--lease 3</c>) and its own
/// application; the sender's retry goes to the instance still running. The tests poll for answers and time nothing.
/// </summary>
public sealed class ListenCrashTests
{
    private const string Secret = "listen-crash-secret-6f1e2a9";
    private const int LeaseSeconds = 3;
    private const string CrashPoint = "X-Test-Crash-Point";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_listen_instance_killed_mid_forward_holds_the_delivery_for_its_lease_and_the_retry_after_it_is_handled_once()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        await using var application = await CountingApplication.StartAsync();
        var effects = Effects(application, out var reached);
        await using var first = await StartListenAsync(redis, application);
        await using var second = await StartListenAsync(redis, application);
        var body = NewBody();

        var unanswered = PostAsync(first.Url, body, "before-effect");
        await reached.Task.WaitAsync(Bound);
        var reservation = connection.GetServer(connection.GetEndPoints().Single()).Keys(pattern: "*").Single();
        var remaining = await connection.GetDatabase().KeyTimeToLiveAsync(reservation);
        await first.KillAsync();
        var killed = await unanswered;
        var (retry, answers) = await RetryUntilNotInFlightAsync(second.Url, body);
        var duplicate = await PostAsync(second.Url, body);

        killed.Should().BeNull("listen died before it answered");
        remaining.Should().NotBeNull().And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(LeaseSeconds), "--lease sets the reservation's lease");
        answers[0].Should().Be(HttpStatusCode.Conflict, "the first retry came within the dead instance's lease");
        answers.SkipLast(1).Should().OnlyContain(a => a == HttpStatusCode.Conflict, "until the lease ends the dead instance's reservation holds, and nothing is forwarded");
        retry.Should().Be(HttpStatusCode.Accepted, "the lease ran out, so the retry was forwarded and the application's answer passed on");
        duplicate.Should().Be(HttpStatusCode.OK, "the retry's completion is remembered");
        application.Received.Should().HaveCount(2, "the forward that died with listen, and the retry's");
        effects.Value.Should().Be(1, "the application's first run was cut off before its effect: the delivery was handled once");
    }

    [Fact]
    public async Task A_listen_instance_killed_after_the_applications_effect_and_before_completing_leaves_the_retry_to_run_it_again()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var application = await CountingApplication.StartAsync();
        var effects = Effects(application, out var reached);
        await using var first = await StartListenAsync(redis, application);
        await using var second = await StartListenAsync(redis, application);
        var body = NewBody();

        var unanswered = PostAsync(first.Url, body, "after-effect");
        await reached.Task.WaitAsync(Bound);
        await first.KillAsync();
        var killed = await unanswered;
        var (retry, _) = await RetryUntilNotInFlightAsync(second.Url, body);
        var duplicate = await PostAsync(second.Url, body);

        killed.Should().BeNull("listen died before it answered");
        retry.Should().Be(HttpStatusCode.Accepted, "the completion died with listen: the store cannot tell the application's effect happened");
        duplicate.Should().Be(HttpStatusCode.OK);
        application.Received.Should().HaveCount(2);
        effects.Value.Should().Be(2, "this is the window between a handler's effects and its completion: the retry runs the handler again");
    }

    private static StrongBox<int> Effects(CountingApplication application, out TaskCompletionSource reached)
    {
        // The application's handler: its effect is a count. A request marked with a crash point tells the test it got
        // there (before or after the effect), then hangs until listen's connection goes with the killed process.
        var effects = new StrongBox<int>();
        var there = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        application.Handler = async context =>
        {
            var point = context.Request.Headers[CrashPoint].ToString();
            if (point == "before-effect")
            {
                await HangAsync(there, context.RequestAborted);
                return;
            }

            Interlocked.Increment(ref effects.Value);
            if (point == "after-effect")
            {
                await HangAsync(there, context.RequestAborted);
            }
        };
        reached = there;
        return effects;
    }

    private static async Task HangAsync(TaskCompletionSource there, CancellationToken aborted)
    {
        there.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, aborted);
        }
        catch (OperationCanceledException)
        {
            // listen is gone.
        }
    }

    private static Task<ListenProcess> StartListenAsync(RedisServerProcess redis, CountingApplication application) =>
        ListenProcess.StartAsync(
            new Dictionary<string, string> { ["LISTEN_CRASH_SECRET"] = Secret },
            "--scheme", "github", "--secret-env", "LISTEN_CRASH_SECRET", "--redis", redis.Configuration,
            "--forward-to", application.Url.ToString(), "--lease", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet");

    private static byte[] NewBody() => Encoding.UTF8.GetBytes($$"""{"action":"opened","delivery":"{{Guid.NewGuid():N}}"}""");

    // GitHub resends the same bytes under the same signature: the sender's retry is the delivery again.
    private static async Task<HttpStatusCode?> PostAsync(Uri url, byte[] body, string? crashPoint = null)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Bound };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation(GitHubSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret)));
        request.Headers.TryAddWithoutValidation("X-GitHub-Event", "pull_request");
        if (crashPoint is not null)
        {
            request.Headers.TryAddWithoutValidation(CrashPoint, crashPoint);
        }

        try
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<(HttpStatusCode? Last, List<HttpStatusCode?> Answers)> RetryUntilNotInFlightAsync(Uri url, byte[] body)
    {
        var answers = new List<HttpStatusCode?>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var answer = await PostAsync(url, body);
            answers.Add(answer);
            if (answer != HttpStatusCode.Conflict || clock.Elapsed > Bound)
            {
                return (answer, answers);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}

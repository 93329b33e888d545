using System.Net;
using Microsoft.AspNetCore.Http;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// Redis pauses (SIGSTOP, as <c>DEBUG SLEEP</c> or a stalled host does) while a store operation is on its way, on real
/// Kestrel: the operation times out, and runs when Redis wakes. Whichever it was (reservation, completion, release), the
/// sender's retry is handled as soon as Redis answers again, never held off for a whole lease by a late write.
/// </summary>
public sealed class PauseTests
{
    // Far longer than any wait below: a retry held off by a late reservation would be held off for all of it.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    // How long the sender keeps retrying once Redis is back: seconds, a small part of the lease.
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_reservation_that_timed_out_while_redis_slept_does_not_hold_the_senders_retry_once_redis_wakes()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var runs = new HandlerRuns();
        await using var receiver = await Receiver.StartAsync(redis.Configuration, SharedRedis.NewKeyPrefix(), runs, o => o.ExactlyOnce.LeaseDuration = Lease);
        var body = NewBody();

        HttpStatusCode during;
        await redis.PauseAsync();
        try
        {
            // The SET NX reaches the sleeping Redis and waits in its socket; the request gives up after the timeout.
            using var response = await receiver.Client.SendAsync(Receiver.Snyk(body));
            during = response.StatusCode;
        }
        finally
        {
            await redis.ResumeAsync();
        }

        var retried = await RetryUntilHandledAsync(receiver, body);

        during.Should().Be(HttpStatusCode.ServiceUnavailable);
        retried.Should().Be(HttpStatusCode.OK, "the late reservation is given back once Redis answers, not held for the lease");
        runs.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_reservation_that_lands_after_the_client_reconnected_on_another_socket_does_not_hold_the_retry_either()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var proxy = LoopbackProxy.To(redis.Port);
        var runs = new HandlerRuns();
        await using var receiver = await Receiver.StartAsync(proxy.Configuration, SharedRedis.NewKeyPrefix(), runs, o => o.ExactlyOnce.LeaseDuration = Lease);
        var body = NewBody();

        HttpStatusCode during;
        await redis.PauseAsync();
        try
        {
            using var response = await receiver.Client.SendAsync(Receiver.Snyk(body));
            during = response.StatusCode;

            // The client's sockets go and it connects afresh; the SET NX waits in the old one, on the sleeping side.
            proxy.DropClients();
        }
        finally
        {
            await redis.ResumeAsync();
        }

        var retried = await RetryUntilHandledAsync(receiver, body);

        during.Should().Be(HttpStatusCode.ServiceUnavailable);
        retried.Should().Be(HttpStatusCode.OK);
        runs.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_completion_that_timed_out_while_redis_slept_lands_when_it_wakes_and_the_resend_is_a_duplicate()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var runs = new HandlerRuns();
        await using var receiver = await Receiver.StartAsync(redis.Configuration, SharedRedis.NewKeyPrefix(), runs, o => o.ExactlyOnce.LeaseDuration = Lease);
        receiver.Handler = _ => redis.PauseAsync();
        var body = NewBody();

        HttpStatusCode first;
        try
        {
            using var response = await receiver.Client.SendAsync(Receiver.Snyk(body));
            first = response.StatusCode;
        }
        finally
        {
            await redis.ResumeAsync();
        }

        receiver.Handler = static _ => Task.CompletedTask;
        var resent = await RetryUntilHandledAsync(receiver, body);

        first.Should().Be(HttpStatusCode.OK, "the handler answered 2xx");
        resent.Should().Be(HttpStatusCode.OK);
        runs.Count.Should().Be(1, "the resend of a handled delivery is acknowledged without running the handler");
    }

    [Fact]
    public async Task A_release_that_timed_out_while_redis_slept_lands_when_it_wakes_and_the_retry_runs_the_handler()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var runs = new HandlerRuns();
        await using var receiver = await Receiver.StartAsync(redis.Configuration, SharedRedis.NewKeyPrefix(), runs, o => o.ExactlyOnce.LeaseDuration = Lease);
        receiver.Handler = async context =>
        {
            await redis.PauseAsync();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        };
        var body = NewBody();

        HttpStatusCode failed;
        try
        {
            using var response = await receiver.Client.SendAsync(Receiver.Snyk(body));
            failed = response.StatusCode;
        }
        finally
        {
            await redis.ResumeAsync();
        }

        receiver.Handler = static _ => Task.CompletedTask;
        var retried = await RetryUntilHandledAsync(receiver, body);

        failed.Should().Be(HttpStatusCode.ServiceUnavailable);
        retried.Should().Be(HttpStatusCode.OK);
        runs.Count.Should().Be(2, "the failed run and the retry's");
    }

    private static string NewBody() => $$"""{"webhookId":"{{Guid.NewGuid():N}}"}""";

    // What a sender does after a failure: send the same bytes again until they are taken (or it gives up).
    private static Task<HttpStatusCode> RetryUntilHandledAsync(Receiver receiver, string body) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await receiver.Client.SendAsync(Receiver.Snyk(body));
                return response.StatusCode;
            },
            static status => status == HttpStatusCode.OK,
            RetryFor);
}

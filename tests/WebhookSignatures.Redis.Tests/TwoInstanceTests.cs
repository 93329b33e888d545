using System.Net;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// Two instances of one application on real Kestrel sharing a real Redis: each delivery is handled exactly once,
/// none is lost when a handler fails, whichever instance the sender's retry reaches.
/// </summary>
public sealed class TwoInstanceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Fifty_identical_deliveries_at_once_split_across_both_instances_run_the_handler_exactly_once()
    {
        var runs = new HandlerRuns();
        var (a, b) = await StartPairAsync(runs);
        await using var first = a;
        await using var second = b;
        a.Handler = b.Handler = _ => Task.Delay(100);

        for (var round = 1; round <= 5; round++)
        {
            var body = $$"""{"webhookId":"{{Guid.NewGuid()}}"}""";
            var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? a : b).Client.SendAsync(Receiver.Snyk(body))));
            var statuses = responses.Select(r => (int)r.StatusCode).ToList();

            runs.Count.Should().Be(round, "round {0}: {1}", round, string.Join(",", statuses));
            statuses.Should().NotContain(401).And.OnlyContain(s => s == 200 || s == 409);
        }
    }

    [Fact]
    public async Task A_handler_that_fails_at_one_instance_runs_again_for_the_retry_at_the_other()
    {
        var runs = new HandlerRuns();
        var (a, b) = await StartPairAsync(runs);
        await using var first = a;
        await using var second = b;
        a.Handler = _ => throw new InvalidOperationException("the database is down");
        var body = $$"""{"webhookId":"{{Guid.NewGuid()}}"}""";

        using var failed = await a.Client.SendAsync(Receiver.Snyk(body));
        using var retried = await b.Client.SendAsync(Receiver.Snyk(body));
        using var resentToA = await a.Client.SendAsync(Receiver.Snyk(body));

        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        retried.StatusCode.Should().Be(HttpStatusCode.OK);
        resentToA.StatusCode.Should().Be(HttpStatusCode.OK, "the duplicate of a handled delivery is acknowledged");
        runs.Count.Should().Be(2, "the failed run and the retry; not the duplicate");
    }

    [Fact]
    public async Task Re_signed_retries_of_standard_webhooks_and_stripe_are_handled_once_across_instances()
    {
        var runs = new HandlerRuns();
        var (a, b) = await StartPairAsync(runs);
        await using var first = a;
        await using var second = b;
        var now = DateTimeOffset.UtcNow;
        var id = $"msg_{Guid.NewGuid():N}";
        var stripeEvent = $$"""{"id":"evt_{{Guid.NewGuid():N}}","type":"invoice.paid"}""";

        using var standard = await a.Client.SendAsync(Receiver.Standard("""{"type":"user.created"}""", id, now.AddSeconds(-90)));
        using var standardRetry = await b.Client.SendAsync(Receiver.Standard("""{"type":"user.created"}""", id, now));
        using var stripe = await b.Client.SendAsync(Receiver.Stripe(stripeEvent, now.AddSeconds(-60), Receiver.StripeSecret));
        using var stripeRetry = await a.Client.SendAsync(Receiver.Stripe(stripeEvent, now, Receiver.StripeSecret));

        new[] { standard, standardRetry, stripe, stripeRetry }.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        runs.Count.Should().Be(2);
    }

    [Fact]
    public async Task A_replay_with_one_of_two_rotation_signatures_stripped_is_not_handled_again_at_the_other_instance()
    {
        var runs = new HandlerRuns();
        var (a, b) = await StartPairAsync(runs);
        await using var first = a;
        await using var second = b;
        var now = DateTimeOffset.UtcNow;
        var body = $$"""{"object":"event","nonce":"{{Guid.NewGuid()}}"}""";

        using var both = await a.Client.SendAsync(Receiver.Stripe(body, now, Receiver.StripeSecret, Receiver.StripePreviousSecret));
        using var stripped = await b.Client.SendAsync(Receiver.Stripe(body, now, Receiver.StripePreviousSecret));

        both.StatusCode.Should().Be(HttpStatusCode.OK);
        stripped.StatusCode.Should().Be(HttpStatusCode.OK);
        runs.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_instance_expires_and_the_retry_then_runs()
    {
        var redis = await SharedRedis.GetAsync();
        var runs = new HandlerRuns();
        var prefix = SharedRedis.NewKeyPrefix();
        await using var a = await Receiver.StartAsync(redis.Configuration, prefix, runs, o => o.ExactlyOnce.LeaseDuration = TimeSpan.FromSeconds(1));
        var body = $$"""{"webhookId":"{{Guid.NewGuid()}}"}""";
        var key = new WebhookDeliveryKey("snyk", WebhookDeliveryIdentity.FromSignedContent(default, System.Text.Encoding.UTF8.GetBytes(body)));

        // An instance reserved the delivery and died before completing or releasing it.
        (await redis.Database.StringSetAsync(prefix + key, Deliveries.NewToken(), TimeSpan.FromSeconds(1), StackExchange.Redis.When.NotExists)).Should().BeTrue();
        using var during = await a.Client.SendAsync(Receiver.Snyk(body));
        var after = await Eventually.ReturnsAsync(async () => (await a.Client.SendAsync(Receiver.Snyk(body))).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(20));

        during.StatusCode.Should().Be(HttpStatusCode.Conflict);
        during.Headers.RetryAfter.Should().NotBeNull();
        after.Should().Be(HttpStatusCode.OK);
        runs.Count.Should().Be(1);
    }

    [Fact]
    public async Task While_redis_is_down_deliveries_get_503_and_the_same_instances_recover_when_it_is_back()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var runs = new HandlerRuns();
        await using var a = await Receiver.StartAsync(redis.Configuration, "outage:", runs);
        await using var b = await Receiver.StartAsync(redis.Configuration, "outage:", runs);
        var before = $$"""{"webhookId":"{{Guid.NewGuid()}}"}""";
        var during = $$"""{"webhookId":"{{Guid.NewGuid()}}"}""";
        (await a.Client.SendAsync(Receiver.Snyk(before))).StatusCode.Should().Be(HttpStatusCode.OK);

        await redis.StopAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var refusedA = await a.Client.SendAsync(Receiver.Snyk(during));
        output.WriteLine($"503 while Redis is down, after {clock.ElapsedMilliseconds} ms");
        using var refusedB = await b.Client.SendAsync(Receiver.Snyk(during));
        await redis.StartAgainAsync();
        var recovered = await Eventually.ReturnsAsync(async () => (await b.Client.SendAsync(Receiver.Snyk(during))).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        using var duplicate = await a.Client.SendAsync(Receiver.Snyk(during));

        refusedA.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refusedB.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        recovered.Should().Be(HttpStatusCode.OK);
        duplicate.StatusCode.Should().Be(HttpStatusCode.OK);
        runs.Count.Should().Be(2, "the delivery before the outage, and the one refused during it handled once after");
    }

    /// <summary>Two instances of one application sharing the run's Redis, under a key prefix no other test uses.</summary>
    private static async Task<(Receiver A, Receiver B)> StartPairAsync(HandlerRuns runs)
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        return (await Receiver.StartAsync(redis.Configuration, prefix, runs), await Receiver.StartAsync(redis.Configuration, prefix, runs));
    }
}

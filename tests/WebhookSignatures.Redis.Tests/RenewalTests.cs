using System.Net;
using System.Text;
using StackExchange.Redis;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// Lease renewal against a real Redis, on real Kestrel: a handler slower than its lease keeps its delivery across two
/// instances; when another holder takes the key, or Redis stops answering for longer than the lease, the handler's
/// ReservationLost token fires. Redis keeps time itself, so these run on the real clock, and assert on answers, never
/// on how long anything took.
/// </summary>
public sealed class RenewalTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_handler_slower_than_its_lease_keeps_its_delivery_and_duplicates_to_either_instance_get_409_throughout()
    {
        var redis = await SharedRedis.GetAsync();
        var runs = new HandlerRuns();
        var prefix = SharedRedis.NewKeyPrefix();
        await using var a = await Receiver.StartAsync(redis.Configuration, prefix, runs, o => o.ExactlyOnce.LeaseDuration = Lease);
        await using var b = await Receiver.StartAsync(redis.Configuration, prefix, runs, o => o.ExactlyOnce.LeaseDuration = Lease);
        var (entered, finish) = SlowHandler(a);
        b.Handler = _ => Task.CompletedTask;
        var body = NewBody();

        var first = a.Client.SendAsync(Receiver.Snyk(body));
        var lost = await entered.Task.WaitAsync(Bound);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var duplicates = new List<HttpStatusCode>();

        // A duplicate every half second for two and a half leases (the handler runs five seconds), to each instance in turn.
        for (var i = 1; i <= 10; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            using var duplicate = await (i % 2 == 0 ? a : b).Client.SendAsync(Receiver.Snyk(body));
            duplicates.Add(duplicate.StatusCode);
        }

        var duplicatesFor = clock.Elapsed;
        finish.SetResult();
        using var answered = await first.WaitAsync(Bound);
        using var afterwards = await b.Client.SendAsync(Receiver.Snyk(body));

        duplicatesFor.Should().BeGreaterThan(Lease * 2, "the scenario spans more than two leases");
        duplicates.Should().HaveCount(10).And.OnlyContain(s => s == HttpStatusCode.Conflict, "the reservation is renewed while the handler runs");
        answered.StatusCode.Should().Be(HttpStatusCode.OK);
        afterwards.StatusCode.Should().Be(HttpStatusCode.OK);
        runs.Count.Should().Be(1);
        lost.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public async Task Another_holder_taking_the_key_fires_the_handlers_reservation_lost_token()
    {
        var redis = await SharedRedis.GetAsync();
        var runs = new HandlerRuns();
        var prefix = SharedRedis.NewKeyPrefix();
        await using var a = await Receiver.StartAsync(redis.Configuration, prefix, runs, o => o.ExactlyOnce.LeaseDuration = Lease);
        var (entered, finish) = SlowHandler(a);
        var body = NewBody();

        var first = a.Client.SendAsync(Receiver.Snyk(body));
        var lost = await entered.Task.WaitAsync(Bound);
        var key = (RedisKey)Deliveries.RedisKeyOf(new WebhookDeliveryKey("snyk", WebhookDeliveryIdentity.FromSignedContent(default, Encoding.UTF8.GetBytes(body))), prefix);
        (await redis.Database.KeyExistsAsync(key)).Should().BeTrue("the handler's reservation is in Redis");

        // Another holder: the key now holds someone else's token.
        await redis.Database.StringSetAsync(key, Deliveries.NewToken(), TimeSpan.FromMinutes(1));
        var fired = await Eventually.ReturnsAsync(() => Task.FromResult(lost.IsCancellationRequested), f => f, Bound);
        finish.SetResult();
        using var answered = await first.WaitAsync(Bound);

        fired.Should().BeTrue("a renewal found another token under the key");
        ((string?)await redis.Database.StringGetAsync(key)).Should().NotBe(RedisWebhookDeliveryStore.CompletedMarker, "the other holder's reservation stands");
    }

    [Fact]
    public async Task A_redis_that_stops_answering_for_longer_than_the_lease_fires_the_handlers_reservation_lost_token()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var runs = new HandlerRuns();
        await using var a = await Receiver.StartAsync(redis.Configuration, SharedRedis.NewKeyPrefix(), runs, o => o.ExactlyOnce.LeaseDuration = Lease);
        var (entered, finish) = SlowHandler(a);

        var first = a.Client.SendAsync(Receiver.Snyk(NewBody()));
        var lost = await entered.Task.WaitAsync(Bound);
        bool fired;
        await redis.PauseAsync();
        try
        {
            fired = await Eventually.ReturnsAsync(() => Task.FromResult(lost.IsCancellationRequested), f => f, Bound);
        }
        finally
        {
            await redis.ResumeAsync();
        }

        finish.SetResult();
        using var answered = await first.WaitAsync(Bound);

        fired.Should().BeTrue("no renewal was answered within the lease");
        answered.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static string NewBody() => $$"""{"webhookId":"{{Guid.NewGuid()}}"}""";

    // The handler's first run tells the test it started (with its token) and waits to be let go; any later run answers
    // at once, so a second run shows as a count instead of a hang.
    private static (TaskCompletionSource<CancellationToken> Entered, TaskCompletionSource Finish) SlowHandler(Receiver receiver)
    {
        var entered = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Handler = async context =>
        {
            if (entered.TrySetResult(context.GetWebhookVerification()!.ReservationLost))
            {
                await finish.Task;
            }
        };
        return (entered, finish);
    }
}

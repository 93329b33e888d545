using System.Net;
using StackExchange.Redis;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// Application instances on the Redis store, real processes on 127.0.0.1, killed with SIGKILL mid-handler: one before
/// its handler's effect, one after the effect and before the completion. Each test has its own Redis and its own
/// processes; the handler counts its runs and its effects in that Redis. The lease is three seconds of Redis' clock,
/// passed in real time; the tests poll for answers and never time anything.
/// </summary>
public sealed class CrashTests
{
    private const string Prefix = "crash:";

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_instance_killed_mid_handler_holds_its_delivery_until_its_lease_ends_and_the_retry_after_it_is_handled_once()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        await using var first = await ReceiverProcess.StartAsync(redis.Configuration, Prefix, Lease);
        await using var second = await ReceiverProcess.StartAsync(redis.Configuration, Prefix, Lease);
        var id = NewId();

        var unanswered = first.SendAsync(id, crashPoint: "before-effect");
        await first.WaitForLineAsync("handling " + id);
        var held = (string?)await database.StringGetAsync(KeyOf(id));
        var remaining = await database.KeyTimeToLiveAsync(KeyOf(id));
        await first.KillAsync();
        var killed = await unanswered;
        var (retry, answers) = await RetryUntilNotInFlightAsync(second, id);
        var duplicate = await second.SendAsync(id);

        killed.Should().BeNull("the process died before it answered");
        held.Should().NotBeNull().And.NotBe(RedisWebhookDeliveryStore.CompletedMarker, "the killed instance held the delivery's reservation");
        remaining.Should().NotBeNull().And.BeLessThanOrEqualTo(Lease, "a reservation lasts one lease unless renewed");
        answers[0].Should().Be(HttpStatusCode.Conflict, "the first retry came within the dead instance's lease");
        answers.SkipLast(1).Should().OnlyContain(a => a == HttpStatusCode.Conflict, "until the lease ends the dead instance's reservation holds, and nothing runs");
        retry.Should().Be(HttpStatusCode.NoContent, "the dead instance's lease ran out, so the retry runs the handler");
        duplicate.Should().Be(HttpStatusCode.OK, "the retry's completion is remembered");
        (await CountAsync(database, "test:runs:", id)).Should().Be(2, "the killed run and the retry's");
        (await CountAsync(database, "test:effects:", id)).Should().Be(1, "the killed run died before its effect: the delivery was handled once");
    }

    [Fact]
    public async Task An_instance_killed_after_its_handlers_effect_and_before_its_completion_leaves_the_retry_to_run_the_handler_again()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        await using var first = await ReceiverProcess.StartAsync(redis.Configuration, Prefix, Lease);
        await using var second = await ReceiverProcess.StartAsync(redis.Configuration, Prefix, Lease);
        var id = NewId();

        var unanswered = first.SendAsync(id, crashPoint: "after-effect");
        await first.WaitForLineAsync("done " + id);
        await first.KillAsync();
        var killed = await unanswered;
        var (retry, _) = await RetryUntilNotInFlightAsync(second, id);
        var duplicate = await second.SendAsync(id);

        killed.Should().BeNull("the process died before it answered");
        retry.Should().Be(HttpStatusCode.NoContent, "the completion died with the instance: the store cannot tell the effect happened");
        duplicate.Should().Be(HttpStatusCode.OK);
        (await CountAsync(database, "test:runs:", id)).Should().Be(2);
        (await CountAsync(database, "test:effects:", id)).Should().Be(2, "this is the window between a handler's effects and its completion: the retry runs the handler again");
    }

    private static string NewId() => $"msg_{Guid.NewGuid():N}";

    private static RedisKey KeyOf(string id) => Deliveries.RedisKeyOf(new WebhookDeliveryKey("orders", WebhookDeliveryIdentity.FromSignedId(id)), Prefix);

    private static async Task<long> CountAsync(IDatabase database, string counter, string id) => (long)await database.StringGetAsync(counter + id);

    // The sender's retries, each signed anew, until one is not answered 409 (in flight); every answer is kept.
    private static async Task<(HttpStatusCode? Last, List<HttpStatusCode?> Answers)> RetryUntilNotInFlightAsync(ReceiverProcess receiver, string id)
    {
        var answers = new List<HttpStatusCode?>();
        var last = await Eventually.ReturnsAsync(
            async () =>
            {
                var answer = await receiver.SendAsync(id);
                answers.Add(answer);
                return answer;
            },
            a => a != HttpStatusCode.Conflict,
            Bound);
        return (last, answers);
    }
}

using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;

namespace WebhookSignatures.Redis.Tests;

/// <summary>Many identical deliveries at once, at two instances of an application, each with its own connection.</summary>
public sealed class ConcurrencyTests
{
    private const int Deliveries = 50;

    [Fact]
    public async Task Fifty_simultaneous_reservations_of_one_delivery_over_two_connections_reserve_it_exactly_once()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        await using var first = await redis.ConnectAnotherAsync();
        await using var second = await redis.ConnectAnotherAsync();
        var stores = new[] { new RedisWebhookDeliveryStore(first, prefix), new RedisWebhookDeliveryStore(second, prefix) };
        var key = Support.Deliveries.NewKey();
        var tokens = Enumerable.Range(0, Deliveries).Select(_ => Support.Deliveries.NewToken()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = tokens.Select((token, i) => Task.Run(async () =>
        {
            await start.Task;
            return (Token: token, Outcome: await stores[i % 2].TryReserveAsync(key, token, Support.Deliveries.Lease, CancellationToken.None));
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Outcome == WebhookReservationOutcome.Reserved).Should().Be(1);
        results.Count(r => r.Outcome == WebhookReservationOutcome.InFlight).Should().Be(Deliveries - 1);
        var winner = results.Single(r => r.Outcome == WebhookReservationOutcome.Reserved).Token;
        foreach (var loser in results.Where(r => r.Token != winner))
        {
            (await stores[0].CompleteAsync(key, loser.Token, Support.Deliveries.Day, CancellationToken.None)).Should().BeFalse("only the winner's token holds the reservation");
        }

        (await stores[1].CompleteAsync(key, winner, Support.Deliveries.Day, CancellationToken.None)).Should().BeTrue();
        var retries = await Task.WhenAll(tokens.Select((token, i) => stores[i % 2].TryReserveAsync(key, Support.Deliveries.NewToken(), Support.Deliveries.Lease, CancellationToken.None).AsTask()));
        retries.Should().AllBeEquivalentTo(WebhookReservationOutcome.Completed);
    }

    [Fact]
    public async Task Racing_completions_and_releases_never_let_another_token_free_a_held_delivery_and_the_handled_one_stays_completed()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        await using var first = await redis.ConnectAnotherAsync();
        await using var second = await redis.ConnectAnotherAsync();
        var one = new RedisWebhookDeliveryStore(first, prefix);
        var two = new RedisWebhookDeliveryStore(second, prefix);

        for (var round = 0; round < 20; round++)
        {
            var key = Support.Deliveries.NewKey();
            var holder = Support.Deliveries.NewToken();
            await one.TryReserveAsync(key, holder, Support.Deliveries.Lease, CancellationToken.None);

            // The holder completes while it also (wrongly) releases, and an impostor tries to release: whichever of the
            // holder's two lands first, the completion is recorded (a released key is completed too), and the
            // impostor changes nothing.
            var outcomes = await Task.WhenAll(
                one.CompleteAsync(key, holder, Support.Deliveries.Day, CancellationToken.None).AsTask(),
                two.ReleaseAsync(key, holder, CancellationToken.None).AsTask(),
                one.ReleaseAsync(key, Support.Deliveries.NewToken(), CancellationToken.None).AsTask());

            outcomes[0].Should().BeTrue();
            outcomes[2].Should().BeFalse();
            (await two.TryReserveAsync(key, Support.Deliveries.NewToken(), Support.Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Completed);
        }
    }
}

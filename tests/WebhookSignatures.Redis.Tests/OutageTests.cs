using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;
using Xunit.Abstractions;

namespace WebhookSignatures.Redis.Tests;

/// <summary>Redis stops and comes back: the store fails loudly meanwhile and recovers without being recreated.</summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    // Far above the one-second timeouts: only guards against an operation that hangs instead of failing.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task While_redis_is_down_every_operation_throws_and_the_same_store_works_again_once_it_is_back()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var services = StoreServices.Build(b => b.AddRedisDeliveryStore(redis.Configuration));
        var store = services.GetRequiredService<IWebhookDeliveryStore>();
        var held = Deliveries.NewKey();
        var heldToken = Deliveries.NewToken();
        (await store.TryReserveAsync(held, heldToken, Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);

        await redis.StopAsync();

        await ShouldFailAsync("reserve", () => store.TryReserveAsync(Deliveries.NewKey(), Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None).AsTask());
        await ShouldFailAsync("complete", () => store.CompleteAsync(held, heldToken, Deliveries.Day, CancellationToken.None).AsTask());
        await ShouldFailAsync("renew", () => store.RenewAsync(held, heldToken, Deliveries.Lease, CancellationToken.None).AsTask());
        await ShouldFailAsync("release", () => store.ReleaseAsync(held, heldToken, CancellationToken.None).AsTask());

        await redis.StartAgainAsync();

        var fresh = Deliveries.NewKey();
        var freshToken = Deliveries.NewToken();
        var clock = Stopwatch.StartNew();
        var outcome = await Eventually.ReturnsAsync(
            () => store.TryReserveAsync(fresh, freshToken, Deliveries.Lease, CancellationToken.None).AsTask(),
            _ => true,
            TimeSpan.FromSeconds(30));
        output.WriteLine($"back after {clock.ElapsedMilliseconds} ms");

        outcome.Should().Be(WebhookReservationOutcome.Reserved);
        services.GetRequiredService<IWebhookDeliveryStore>().Should().BeSameAs(store);
        (await store.CompleteAsync(fresh, freshToken, Deliveries.Day, CancellationToken.None)).Should().BeTrue();
        (await store.TryReserveAsync(fresh, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Completed);
        (await store.TryReserveAsync(held, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved, "the restarted Redis kept nothing (no persistence)");
    }

    private async Task ShouldFailAsync(string operation, Func<Task> act)
    {
        var clock = Stopwatch.StartNew();
        var failure = await FluentActions.Awaiting(() => act().WaitAsync(HangGuard)).Should().ThrowAsync<Exception>();
        output.WriteLine($"{operation} failed after {clock.ElapsedMilliseconds} ms: {failure.Which.GetType().Name}: {failure.Which.Message}");
        failure.Which.Should().Match(e => e is RedisException || e is RedisTimeoutException, "a Redis failure surfaces as the client's own exception, not a hang");
    }
}

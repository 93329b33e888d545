using StackExchange.Redis;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;

namespace WebhookSignatures.Redis.Tests;

/// <summary>Programming errors are refused before anything reaches Redis.</summary>
public sealed class ArgumentTests
{
    [Fact]
    public async Task A_key_that_identifies_nothing_is_refused()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);

        await FluentActions.Awaiting(() => store.TryReserveAsync(default, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithParameterName("key");
        await FluentActions.Awaiting(() => store.CompleteAsync(new WebhookDeliveryKey("stripe", default), Deliveries.NewToken(), Deliveries.Day, CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithParameterName("key");
        await FluentActions.Awaiting(() => store.ReleaseAsync(new WebhookDeliveryKey("", WebhookDeliveryIdentity.FromSignedId("evt_1")), Deliveries.NewToken(), CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithParameterName("key");
        await FluentActions.Awaiting(() => store.RenewAsync(new WebhookDeliveryKey("stripe", default), Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithParameterName("key");
    }

    [Theory]
    [InlineData("")]
    [InlineData("completed")]
    public async Task An_empty_token_or_one_equal_to_the_completion_marker_is_refused(string token)
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();

        await FluentActions.Awaiting(() => store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithParameterName("token");
        await FluentActions.Awaiting(() => store.CompleteAsync(key, token, Deliveries.Day, CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithParameterName("token");
        await FluentActions.Awaiting(() => store.ReleaseAsync(key, token, CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithParameterName("token");
        await FluentActions.Awaiting(() => store.RenewAsync(key, token, Deliveries.Lease, CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithParameterName("token");
        (await redis.Database.KeyExistsAsync(Deliveries.RedisKeyOf(key, prefix))).Should().BeFalse();
    }

    [Fact]
    public async Task A_cancelled_request_reserves_nothing()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();

        await FluentActions.Awaiting(() => store.TryReserveAsync(key, token, Deliveries.Lease, aborted.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
        (await redis.Database.KeyExistsAsync(Deliveries.RedisKeyOf(key, prefix))).Should().BeFalse();

        await store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None);
        await FluentActions.Awaiting(() => store.CompleteAsync(key, token, Deliveries.Day, aborted.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => store.ReleaseAsync(key, token, aborted.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
        ((string?)await redis.Database.StringGetAsync(Deliveries.RedisKeyOf(key, prefix))).Should().Be(token, "neither the completion nor the release ran");
    }

    [Fact]
    public async Task A_missing_connection_or_prefix_is_refused()
    {
        var redis = await SharedRedis.GetAsync();

        FluentActions.Invoking(() => new RedisWebhookDeliveryStore((IConnectionMultiplexer)null!)).Should().Throw<ArgumentNullException>().WithParameterName("connection");
        FluentActions.Invoking(() => new RedisWebhookDeliveryStore(redis.Connection, null!)).Should().Throw<ArgumentNullException>().WithParameterName("keyPrefix");
    }
}

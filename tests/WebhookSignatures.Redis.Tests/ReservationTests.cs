using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;

namespace WebhookSignatures.Redis.Tests;

/// <summary>The store's states against the shared Redis: absent, reserved by a token, completed, released.</summary>
public sealed class ReservationTests
{
    [Fact]
    public async Task A_reservation_holds_the_token_under_the_prefixed_delivery_key_for_its_lease()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();

        (await store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);

        var redisKey = Deliveries.RedisKeyOf(key, prefix);
        redisKey.Should().MatchRegex("^webhooksig-tests:[0-9a-f]{32}:stripe:id:[0-9a-f]{64}$");
        ((string?)await redis.Database.StringGetAsync(redisKey)).Should().Be(token);
        var lease = await redis.Database.KeyTimeToLiveAsync(redisKey);
        lease.Should().NotBeNull().And.BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(Deliveries.Lease);
    }

    [Fact]
    public async Task A_second_reservation_of_a_held_delivery_is_in_flight_and_changes_nothing()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var holder = Deliveries.NewToken();
        await store.TryReserveAsync(key, holder, Deliveries.Lease, CancellationToken.None);

        (await store.TryReserveAsync(key, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.InFlight);
        (await store.TryReserveAsync(key, holder, Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.InFlight, "even the holder cannot reserve twice");
        ((string?)await redis.Database.StringGetAsync(Deliveries.RedisKeyOf(key, prefix))).Should().Be(holder);
    }

    [Fact]
    public async Task Renewing_extends_the_lease_only_for_the_token_that_holds_it()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();
        var redisKey = Deliveries.RedisKeyOf(key, prefix);
        await store.TryReserveAsync(key, token, TimeSpan.FromSeconds(20), CancellationToken.None);

        (await store.RenewAsync(key, Deliveries.NewToken(), TimeSpan.FromHours(1), CancellationToken.None)).Should().BeFalse();
        var unchanged = await redis.Database.KeyTimeToLiveAsync(redisKey);
        (await store.RenewAsync(key, token, TimeSpan.FromHours(1), CancellationToken.None)).Should().BeTrue();
        var renewed = await redis.Database.KeyTimeToLiveAsync(redisKey);

        unchanged.Should().NotBeNull().And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(20), "another token changed nothing");
        renewed.Should().NotBeNull().And.BeGreaterThan(TimeSpan.FromMinutes(59)).And.BeLessThanOrEqualTo(TimeSpan.FromHours(1));
        ((string?)await redis.Database.StringGetAsync(redisKey)).Should().Be(token);
    }

    [Fact]
    public async Task A_completed_released_or_absent_delivery_is_never_renewed()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var (completed, released, absent) = (Deliveries.NewKey(), Deliveries.NewKey(), Deliveries.NewKey());
        var (a, b) = (Deliveries.NewToken(), Deliveries.NewToken());
        await store.TryReserveAsync(completed, a, Deliveries.Lease, CancellationToken.None);
        await store.CompleteAsync(completed, a, TimeSpan.FromHours(3), CancellationToken.None);
        await store.TryReserveAsync(released, b, Deliveries.Lease, CancellationToken.None);
        await store.ReleaseAsync(released, b, CancellationToken.None);

        (await store.RenewAsync(completed, a, Deliveries.Lease, CancellationToken.None)).Should().BeFalse();
        (await store.RenewAsync(released, b, Deliveries.Lease, CancellationToken.None)).Should().BeFalse();
        (await store.RenewAsync(absent, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().BeFalse();

        ((string?)await redis.Database.StringGetAsync(Deliveries.RedisKeyOf(completed, prefix))).Should().Be("completed");
        (await redis.Database.KeyExistsAsync(Deliveries.RedisKeyOf(released, prefix))).Should().BeFalse();
        (await redis.Database.KeyExistsAsync(Deliveries.RedisKeyOf(absent, prefix))).Should().BeFalse("renewing never creates a reservation");
    }

    [Fact]
    public async Task A_completed_delivery_is_completed_for_every_later_reservation_and_kept_for_its_time_to_live()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();
        await store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None);

        (await store.CompleteAsync(key, token, TimeSpan.FromHours(3), CancellationToken.None)).Should().BeTrue();

        (await store.TryReserveAsync(key, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Completed);
        (await store.TryReserveAsync(key, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Completed);
        var redisKey = Deliveries.RedisKeyOf(key, prefix);
        ((string?)await redis.Database.StringGetAsync(redisKey)).Should().Be("completed");
        var timeToLive = await redis.Database.KeyTimeToLiveAsync(redisKey);
        timeToLive.Should().NotBeNull().And.BeGreaterThan(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1)).And.BeLessThanOrEqualTo(TimeSpan.FromHours(3), "the lease was replaced by the time to live asked for");
    }

    [Fact]
    public async Task A_late_completion_nobody_took_over_from_is_still_recorded()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var slow = Deliveries.NewToken();
        await store.TryReserveAsync(key, slow, Deliveries.Lease, CancellationToken.None);

        // What the lease running out does to the key while the handler still runs.
        await redis.Database.KeyDeleteAsync(Deliveries.RedisKeyOf(key, prefix));

        (await store.CompleteAsync(key, slow, Deliveries.Day, CancellationToken.None)).Should().BeTrue("the handler ran to the end and nobody else holds the delivery");
        (await store.TryReserveAsync(key, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Completed);
    }

    [Fact]
    public async Task A_completion_cannot_be_released_or_completed_again()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();
        await store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None);
        await store.CompleteAsync(key, token, Deliveries.Day, CancellationToken.None);

        (await store.ReleaseAsync(key, token, CancellationToken.None)).Should().BeFalse("the token no longer holds a reservation");
        (await store.CompleteAsync(key, token, TimeSpan.FromSeconds(5), CancellationToken.None)).Should().BeFalse();

        var redisKey = Deliveries.RedisKeyOf(key, prefix);
        ((string?)await redis.Database.StringGetAsync(redisKey)).Should().Be("completed");
        (await redis.Database.KeyTimeToLiveAsync(redisKey)).Should().BeGreaterThan(TimeSpan.FromHours(23), "the second completion did not shorten the first one's time to live");
    }

    [Fact]
    public async Task Release_by_another_token_does_nothing_and_by_the_holder_frees_the_delivery()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var holder = Deliveries.NewToken();
        await store.TryReserveAsync(key, holder, Deliveries.Lease, CancellationToken.None);

        (await store.ReleaseAsync(key, Deliveries.NewToken(), CancellationToken.None)).Should().BeFalse();
        ((string?)await redis.Database.StringGetAsync(Deliveries.RedisKeyOf(key, prefix))).Should().Be(holder);
        (await store.TryReserveAsync(key, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.InFlight);

        (await store.ReleaseAsync(key, holder, CancellationToken.None)).Should().BeTrue();
        (await redis.Database.KeyExistsAsync(Deliveries.RedisKeyOf(key, prefix))).Should().BeFalse();
        (await store.ReleaseAsync(key, holder, CancellationToken.None)).Should().BeFalse("it was already released");
        (await store.TryReserveAsync(key, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved, "the sender's retry runs the handler again");
    }

    [Fact]
    public async Task Completing_with_a_stale_token_fails_and_leaves_the_new_holder_in_place()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var stale = Deliveries.NewToken();
        await store.TryReserveAsync(key, stale, Deliveries.Lease, CancellationToken.None);

        // The stale holder's lease ran out (here: it is taken away) and another request reserved the delivery.
        await redis.Database.KeyDeleteAsync(Deliveries.RedisKeyOf(key, prefix));
        var current = Deliveries.NewToken();
        (await store.TryReserveAsync(key, current, Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);

        (await store.CompleteAsync(key, stale, Deliveries.Day, CancellationToken.None)).Should().BeFalse();
        (await store.ReleaseAsync(key, stale, CancellationToken.None)).Should().BeFalse();
        ((string?)await redis.Database.StringGetAsync(Deliveries.RedisKeyOf(key, prefix))).Should().Be(current);
        (await store.CompleteAsync(key, current, Deliveries.Day, CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task Releasing_a_delivery_nothing_holds_fails_and_writes_nothing_while_completing_it_records_the_completion()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();

        (await store.ReleaseAsync(key, Deliveries.NewToken(), CancellationToken.None)).Should().BeFalse();
        (await redis.Database.KeyExistsAsync(Deliveries.RedisKeyOf(key, prefix))).Should().BeFalse();
        (await store.CompleteAsync(key, Deliveries.NewToken(), Deliveries.Day, CancellationToken.None)).Should().BeTrue("a handler whose lease ran out still finished");
        ((string?)await redis.Database.StringGetAsync(Deliveries.RedisKeyOf(key, prefix))).Should().Be("completed");
    }

    [Fact]
    public async Task The_same_identity_under_another_registration_or_prefix_is_another_delivery()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var otherApplication = new RedisWebhookDeliveryStore(redis.Connection, prefix + "other:");
        var id = WebhookDeliveryIdentity.FromSignedId($"msg_{Guid.NewGuid():N}");

        (await store.TryReserveAsync(new WebhookDeliveryKey("standard", id), Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);
        (await store.TryReserveAsync(new WebhookDeliveryKey("svix", id), Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);
        (await otherApplication.TryReserveAsync(new WebhookDeliveryKey("standard", id), Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);
        (await store.TryReserveAsync(new WebhookDeliveryKey("standard", id), Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.InFlight);
    }

    [Fact]
    public async Task A_lease_that_is_never_completed_runs_out_and_the_delivery_can_be_reserved_again()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var abandoned = Deliveries.NewToken();
        (await store.TryReserveAsync(key, abandoned, TimeSpan.FromMilliseconds(300), CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);

        var retry = Deliveries.NewToken();
        var outcome = await Eventually.ReturnsAsync(
            () => store.TryReserveAsync(key, retry, Deliveries.Lease, CancellationToken.None).AsTask(),
            o => o == WebhookReservationOutcome.Reserved,
            TimeSpan.FromSeconds(15));

        outcome.Should().Be(WebhookReservationOutcome.Reserved);
        (await store.CompleteAsync(key, abandoned, Deliveries.Day, CancellationToken.None)).Should().BeFalse("the abandoned request's lease ran out");
        (await store.CompleteAsync(key, retry, Deliveries.Day, CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task Durations_below_a_millisecond_or_beyond_the_calendar_are_still_accepted()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();
        (await store.TryReserveAsync(key, token, TimeSpan.FromTicks(1), CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);
        var forever = Deliveries.NewKey();
        var foreverToken = Deliveries.NewToken();

        (await store.TryReserveAsync(forever, foreverToken, TimeSpan.MaxValue, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);
        (await store.CompleteAsync(forever, foreverToken, TimeSpan.MaxValue, CancellationToken.None)).Should().BeTrue();

        (await redis.Database.KeyTimeToLiveAsync(Deliveries.RedisKeyOf(forever, prefix))).Should().BeGreaterThan(TimeSpan.FromDays(365 * 1000));
        await redis.Database.KeyDeleteAsync(Deliveries.RedisKeyOf(forever, prefix));
    }
}

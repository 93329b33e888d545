using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>The in-memory delivery store: reserve, complete or release, leases and times to live, capacity per registration.</summary>
public sealed class MemoryDeliveryStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _time = new(TestApp.Now);

    [Fact]
    public async Task A_reserved_delivery_is_in_flight_until_completed_then_completed_until_its_time_to_live_ends()
    {
        var store = Create();
        var key = Key("snyk", 1);

        (await store.TryReserveAsync(key, "a", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
        (await store.TryReserveAsync(key, "b", Lease, default)).Should().Be(WebhookReservationOutcome.InFlight);
        (await store.CompleteAsync(key, "a", Hour, default)).Should().BeTrue();
        (await store.TryReserveAsync(key, "c", Lease, default)).Should().Be(WebhookReservationOutcome.Completed);

        _time.Advance(Hour);
        (await store.TryReserveAsync(key, "d", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved, "the completion expired");
    }

    [Fact]
    public async Task A_released_delivery_can_be_reserved_again_and_only_its_token_settles_it()
    {
        var store = Create();
        var key = Key("snyk", 1);
        await store.TryReserveAsync(key, "a", Lease, default);

        (await store.ReleaseAsync(key, "intruder", default)).Should().BeFalse();
        (await store.CompleteAsync(key, "intruder", Hour, default)).Should().BeFalse();
        (await store.TryReserveAsync(key, "b", Lease, default)).Should().Be(WebhookReservationOutcome.InFlight, "a wrong token changed nothing");
        (await store.ReleaseAsync(key, "a", default)).Should().BeTrue();
        (await store.TryReserveAsync(key, "b", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
        (await store.CompleteAsync(key, "a", Hour, default)).Should().BeFalse("the released token no longer holds it");
    }

    [Fact]
    public async Task A_lease_nobody_settled_expires_and_its_late_completion_is_refused()
    {
        var store = Create();
        var key = Key("github", 7);
        await store.TryReserveAsync(key, "crashed", Lease, default);

        _time.Advance(Lease);

        (await store.TryReserveAsync(key, "retry", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
        (await store.CompleteAsync(key, "crashed", Hour, default)).Should().BeFalse();
        (await store.CompleteAsync(key, "retry", Hour, default)).Should().BeTrue();
    }

    [Fact]
    public async Task A_late_completion_nobody_took_over_from_is_still_recorded()
    {
        var store = Create();
        var key = Key("github", 8);
        await store.TryReserveAsync(key, "slow", Lease, default);

        _time.Advance(Lease + TimeSpan.FromSeconds(1));

        (await store.CompleteAsync(key, "slow", Hour, default)).Should().BeTrue("the handler ran to the end and nobody else holds the delivery");
        (await store.TryReserveAsync(key, "duplicate", Lease, default)).Should().Be(WebhookReservationOutcome.Completed);
    }

    [Fact]
    public async Task Renewing_extends_only_the_reservation_the_token_holds()
    {
        var store = Create();
        var key = Key("stripe", 9);
        await store.TryReserveAsync(key, "a", Lease, default);
        _time.Advance(Lease - TimeSpan.FromSeconds(1));

        (await store.RenewAsync(key, "intruder", Lease, default)).Should().BeFalse();
        (await store.RenewAsync(key, "a", Lease, default)).Should().BeTrue();
        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        (await store.TryReserveAsync(key, "b", Lease, default)).Should().Be(WebhookReservationOutcome.InFlight, "the renewed lease runs from the renewal");

        _time.Advance(TimeSpan.FromSeconds(1));
        (await store.RenewAsync(key, "a", Lease, default)).Should().BeFalse("the renewed lease ran out");
        (await store.TryReserveAsync(key, "b", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
    }

    [Fact]
    public async Task A_completed_or_released_delivery_is_never_renewed_back_into_a_reservation()
    {
        var store = Create();
        var completed = Key("stripe", 10);
        var released = Key("stripe", 11);
        await store.TryReserveAsync(completed, "a", Lease, default);
        await store.CompleteAsync(completed, "a", Hour, default);
        await store.TryReserveAsync(released, "b", Lease, default);
        await store.ReleaseAsync(released, "b", default);

        (await store.RenewAsync(completed, "a", Lease, default)).Should().BeFalse();
        (await store.RenewAsync(released, "b", Lease, default)).Should().BeFalse();
        (await store.TryReserveAsync(completed, "c", Lease, default)).Should().Be(WebhookReservationOutcome.Completed);
        (await store.TryReserveAsync(released, "c", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
    }

    [Fact]
    public async Task One_registration_filling_its_share_never_refuses_another()
    {
        var store = Create(capacity: 2);
        await store.TryReserveAsync(Key("snyk", 1), "a", Lease, default);
        await store.TryReserveAsync(Key("snyk", 2), "b", Lease, default);

        await FluentActions.Awaiting(async () => await store.TryReserveAsync(Key("snyk", 3), "c", Lease, default))
            .Should().ThrowAsync<InvalidOperationException>("a full share fails closed");
        (await store.TryReserveAsync(Key("snyk", 1), "d", Lease, default)).Should().Be(WebhookReservationOutcome.InFlight, "a duplicate is still recognised when full");
        (await store.TryReserveAsync(Key("github", 1), "e", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
    }

    [Fact]
    public async Task A_time_to_live_beyond_the_calendar_never_expires()
    {
        var store = Create();
        var key = Key("snyk", 1);
        await store.TryReserveAsync(key, "a", Lease, default);
        await store.CompleteAsync(key, "a", TimeSpan.MaxValue, default);

        _time.Advance(TimeSpan.FromDays(3650));

        (await store.TryReserveAsync(key, "b", Lease, default)).Should().Be(WebhookReservationOutcome.Completed);
    }

    [Fact]
    public async Task Deliveries_reserved_and_released_over_and_over_within_one_lease_hold_memory_bounded_by_the_capacity()
    {
        // A sender retrying a failing handler (or a replayed capture whose handler refuses it) reserves and releases
        // the same delivery again and again; what the store keeps must not grow with the attempts, only with the
        // deliveries it holds.
        var store = Create(capacity: 10);
        for (var attempt = 0; attempt < 50_000; attempt++)
        {
            var key = Key("snyk", attempt % 3);
            var token = $"t{attempt}";
            (await store.TryReserveAsync(key, token, Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
            if (attempt % 2 == 0)
            {
                await store.ReleaseAsync(key, token, default);
            }
            else
            {
                await store.CompleteAsync(key, token, TimeSpan.FromTicks(1), default);
                _time.Advance(TimeSpan.FromTicks(1));
            }
        }

        store.Count("snyk").Should().BeLessThanOrEqualTo(3);
        store.QueuedExpiries("snyk").Should().BeLessThanOrEqualTo(4 * 10, "expiries of released and re-queued entries are dropped, not kept for their lease");
    }

    [Fact]
    public async Task Reservations_nobody_settled_leave_room_once_their_leases_ran_out()
    {
        // Leases that ran out are not queued for expiry: they count as gone wherever they are looked at, and are swept
        // out when they are all that keeps the partition full.
        var store = Create(capacity: 10);
        for (var i = 0; i < 10; i++)
        {
            (await store.TryReserveAsync(Key("snyk", i), $"crashed{i}", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
        }

        await FluentActions.Awaiting(() => store.TryReserveAsync(Key("snyk", 10), "more", Lease, default).AsTask())
            .Should().ThrowAsync<InvalidOperationException>("ten unexpired reservations fill it");

        _time.Advance(Lease);

        store.Count("snyk").Should().Be(0);
        for (var i = 10; i < 20; i++)
        {
            (await store.TryReserveAsync(Key("snyk", i), $"new{i}", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
        }

        store.Count("snyk").Should().Be(10);
    }

    [Fact]
    public async Task A_completion_that_expires_before_one_completed_earlier_expires_on_time()
    {
        // Expiries usually come in order (one time to live, a clock that moves forward); one that does not must still
        // expire when it is due, not when the ones queued before it do.
        var store = Create();
        var early = Key("snyk", 1);
        var late = Key("snyk", 2);
        await store.TryReserveAsync(late, "a", Lease, default);
        await store.CompleteAsync(late, "a", TimeSpan.FromDays(1), default);
        await store.TryReserveAsync(early, "b", Lease, default);
        await store.CompleteAsync(early, "b", Hour, default);

        _time.Advance(Hour);

        (await store.TryReserveAsync(early, "c", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved, "its own time to live ended");
        (await store.TryReserveAsync(late, "d", Lease, default)).Should().Be(WebhookReservationOutcome.Completed);
        store.QueuedExpiries("snyk").Should().Be(1, "the expired completion left the queue with it");
    }

    [Fact]
    public async Task Setting_the_capacity_keeps_a_store_that_runs_on_the_system_clock_when_the_application_registers_none()
    {
        // AddMemoryDeliveryStore once registered the store by type, which needs a TimeProvider service that ordinary
        // applications do not register: every request then failed with 500.
        var services = new ServiceCollection();
        services.AddWebhookSignatures().AddMemoryDeliveryStore(o => o.CapacityPerRegistration = 1);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IWebhookDeliveryStore>();

        (await store.TryReserveAsync(Key("github", 1), "a", Lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
        await store.Invoking(s => s.TryReserveAsync(Key("github", 2), "b", Lease, default).AsTask())
            .Should().ThrowAsync<InvalidOperationException>("the configured capacity of one is full");
    }

    [Fact]
    public async Task Many_identical_reservations_at_once_make_exactly_one_owner()
    {
        var store = Create();
        var key = Key("snyk", 42);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () => await store.TryReserveAsync(key, $"t{i}", Lease, default))));

        outcomes.Count(o => o == WebhookReservationOutcome.Reserved).Should().Be(1);
        outcomes.Count(o => o == WebhookReservationOutcome.InFlight).Should().Be(63);
    }

    /// <summary>
    /// A reference model (delivery -> reserved by a token until, or completed until) against the store over random
    /// operation sequences: reserve, complete and release with right and wrong tokens, with the clock moving on.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property The_store_behaves_like_its_model() =>
        Prop.ForAll(Operations().ToArbitrary(), operations =>
        {
            var time = new FakeTimeProvider(TestApp.Now);
            var store = new MemoryWebhookDeliveryStore(Options.Create(new WebhookMemoryDeliveryStoreOptions { CapacityPerRegistration = 1000 }), time);
            var model = new Dictionary<int, (string? Token, DateTimeOffset Until)>();
            foreach (var (kind, delivery, token, seconds) in operations)
            {
                time.Advance(TimeSpan.FromSeconds(seconds % 5));
                var now = time.GetUtcNow();
                foreach (var gone in model.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
                {
                    model.Remove(gone);
                }

                var key = Key("r", delivery);
                var tokenText = $"t{token}";
                var duration = TimeSpan.FromSeconds(1 + (seconds % 7));
                var held = model.TryGetValue(delivery, out var entry);
                var owns = held && entry.Token == tokenText;
                switch (kind)
                {
                    case 0:
                        var expected = !held ? WebhookReservationOutcome.Reserved : entry.Token is null ? WebhookReservationOutcome.Completed : WebhookReservationOutcome.InFlight;
                        if (store.TryReserveAsync(key, tokenText, duration, default).Result != expected)
                        {
                            return false;
                        }

                        if (!held)
                        {
                            model[delivery] = (tokenText, now + duration);
                        }

                        break;
                    case 1:
                        var completes = owns || !held;
                        if (store.CompleteAsync(key, tokenText, duration, default).Result != completes)
                        {
                            return false;
                        }

                        if (completes)
                        {
                            model[delivery] = (null, now + duration);
                        }

                        break;
                    default:
                        if (store.ReleaseAsync(key, tokenText, default).Result != owns)
                        {
                            return false;
                        }

                        if (owns)
                        {
                            model.Remove(delivery);
                        }

                        break;
                }

                if (store.Count("r") != model.Count)
                {
                    return false;
                }
            }

            return true;
        });

    private static Gen<(int Kind, int Delivery, int Token, int Seconds)[]> Operations() =>
        Gen.ArrayOf(
            from kind in Gen.Choose(0, 2)
            from delivery in Gen.Choose(0, 5)
            from token in Gen.Choose(0, 3)
            from seconds in Gen.Choose(0, 20)
            select (kind, delivery, token, seconds));

    private static WebhookDeliveryKey Key(string registration, int delivery) =>
        new(registration, WebhookDeliveryIdentity.FromSignedContent(default, BitConverter.GetBytes(delivery)));

    private MemoryWebhookDeliveryStore Create(int capacity = 100) =>
        new(Options.Create(new WebhookMemoryDeliveryStoreOptions { CapacityPerRegistration = capacity }), _time);
}

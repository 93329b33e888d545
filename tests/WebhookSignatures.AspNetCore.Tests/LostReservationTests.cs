using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A reservation whose answer the store lost (it threw, yet the command reached it and lands later, as on a Redis that
/// was paused, perhaps after the client reconnected) never holds the sender's retry for a lease: it is released again
/// and again, not once, and the background work that does it stays bounded.
/// </summary>
public sealed class LostReservationTests
{
    private const string Ping = """{"webhookId":"lost"}""";

    private static readonly TimeSpan Lease = WebhookExactlyOnceOptions.DefaultLeaseDurationWithoutRenewal;

    private readonly FakeTimeProvider _time = new(TestApp.Now);

    [Fact]
    public async Task A_reservation_that_lands_after_the_first_release_is_given_back_and_the_retry_handled_well_within_the_lease()
    {
        var store = new LateReservationStore(Memory());
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store));

        using var lost = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        (await Poll.UntilAsync(() => store.Releases > 0, TimeSpan.FromSeconds(20))).Should().BeTrue("the first release runs once it is due");

        // Only now, after a release that found nothing, does the lost reservation arrive.
        store.Land();
        using var held = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        var advanced = await AdvanceUntilAsync(() => store.LandedReleased, Lease / 4);
        using var retried = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        lost.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        held.StatusCode.Should().Be(HttpStatusCode.Conflict, "the late reservation holds the delivery");
        store.LandedReleased.Should().BeTrue($"releasing went on after the first release found nothing (advanced {advanced})");
        retried.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookDeliverySettledOnRetry");
    }

    [Fact]
    public async Task Releasing_a_lost_reservation_that_never_lands_stops_a_lease_after_the_store_answers()
    {
        var store = new LateReservationStore(Memory());
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store));
        var retries = app.Services.GetRequiredService<WebhookStoreRetries>();

        using var lost = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        var pendingAtFirst = retries.Pending;
        await AdvanceUntilAsync(() => retries.Pending == 0, Lease * 2);

        lost.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        pendingAtFirst.Should().Be(1);
        retries.Pending.Should().Be(0, "nothing landed, and a lease has passed since the store first answered");
        store.Releases.Should().BeInRange(2, 30, "tried again and again, more rarely once the store answers");
    }

    [Fact]
    public async Task A_store_that_keeps_failing_is_released_for_at_most_ten_leases()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => new LateReservationStore(Memory()) { Unreachable = true }));
        var retries = app.Services.GetRequiredService<WebhookStoreRetries>();

        using var lost = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await AdvanceUntilAsync(() => retries.Pending == 0, Lease * 9, TimeSpan.FromSeconds(30));
        var pendingAfterNine = retries.Pending;
        await AdvanceUntilAsync(() => retries.Pending == 0, Lease * 2, TimeSpan.FromSeconds(30));

        pendingAfterNine.Should().Be(1, "while the store does not answer, the reservation may still land");
        retries.Pending.Should().Be(0);
    }

    [Fact]
    public void Background_retries_are_bounded_and_say_so_once_when_full()
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var retries = new WebhookStoreRetries(_time, factory.CreateLogger<WebhookStoreRetries>(), maxPending: 2);

        var started = Enumerable.Range(0, 4).Select(_ => retries.TryStart(TimeSpan.FromSeconds(1), static _ => ValueTask.FromResult<TimeSpan?>(null))).ToList();

        started.Should().Equal(true, true, false, false);
        retries.Pending.Should().Be(2);
        logs.Entries.Where(e => e.EventId.Name == "WebhookDeliveryStoreRetriesFull").Should().ContainSingle();
    }

    private MemoryWebhookDeliveryStore Memory() => new(Options.Create(new WebhookMemoryDeliveryStoreOptions()), _time);

    // Moves the clock a step at a time (a second unless said), giving the background work a moment after each step,
    // until the condition holds.
    private async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition, TimeSpan limit, TimeSpan? step = null)
    {
        var advanced = TimeSpan.Zero;
        while (!condition() && advanced < limit)
        {
            _time.Advance(step ?? TimeSpan.FromSeconds(1));
            advanced += step ?? TimeSpan.FromSeconds(1);
            await Poll.UntilAsync(condition, TimeSpan.FromMilliseconds(50));
        }

        return advanced;
    }

    /// <summary>
    /// A store whose first reservation throws as if its answer were lost, while the command itself is held back and lands
    /// when the test says: what a Redis paused mid-command does when it wakes.
    /// </summary>
    private sealed class LateReservationStore(IWebhookDeliveryStore inner) : IWebhookDeliveryStore
    {
        private (WebhookDeliveryKey Key, string Token, TimeSpan Lease)? _inTransit;
        private int _reserved;
        private int _releases;
        private volatile bool _landed;
        private volatile bool _landedReleased;

        /// <summary>Whether every operation fails, as when the store stays down.</summary>
        public bool Unreachable { get; init; }

        public int Releases => Volatile.Read(ref _releases);

        /// <summary>Whether a release removed the reservation after it landed.</summary>
        public bool LandedReleased => _landedReleased;

        public void Land()
        {
            var (key, token, lease) = _inTransit ?? throw new InvalidOperationException("No reservation is in transit.");
            inner.TryReserveAsync(key, token, lease, default).AsTask().GetAwaiter().GetResult().Should().Be(WebhookReservationOutcome.Reserved);
            _landed = true;
        }

        public ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
        {
            if (Unreachable || Interlocked.Increment(ref _reserved) == 1)
            {
                _inTransit = (key, token, lease);
                throw new TimeoutException("no answer within the operation timeout");
            }

            return inner.TryReserveAsync(key, token, lease, cancellationToken);
        }

        public ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            Unreachable ? throw new TimeoutException("no answer") : inner.CompleteAsync(key, token, timeToLive, cancellationToken);

        public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken) =>
            Unreachable ? throw new TimeoutException("no answer") : inner.RenewAsync(key, token, lease, cancellationToken);

        public async ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _releases);
            if (Unreachable)
            {
                throw new TimeoutException("no answer");
            }

            var released = await inner.ReleaseAsync(key, token, cancellationToken);
            _landedReleased |= released && _landed;
            return released;
        }
    }
}

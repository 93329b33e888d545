using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A handler slower than its lease keeps its delivery while the lease is renewed; when the reservation is lost (the store
/// stops answering, another attempt takes the delivery, a store that does not renew runs out of lease) the handler's
/// <see cref="IWebhookVerificationFeature.ReservationLost"/> fires. Time is the application's fake clock, advanced by
/// the test in steps of the renewal tick.
/// </summary>
public sealed class LeaseRenewalTests
{
    private const string Ping = """{"webhookId":"slow"}""";

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Step = WebhookLeaseRenewal.Tick;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(TestApp.Now);

    [Fact]
    public async Task A_handler_slower_than_its_lease_keeps_its_delivery_and_its_duplicates_get_409_throughout()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, configure: o => o.ExactlyOnce.LeaseDuration = Lease);
        var entered = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Handler = async context =>
        {
            // A second run is the defect this test looks for: it answers at once instead of waiting on the clock.
            if (app.Runs > 1)
            {
                return;
            }

            entered.TrySetResult(context.GetWebhookVerification()!.ReservationLost);
            await Task.Delay(TimeSpan.FromSeconds(5), _time);
        };

        var first = app.Client.SendAsync(Deliveries.Snyk(Ping));
        var lost = await entered.Task.WaitAsync(Bound);
        var duplicates = new List<(TimeSpan At, HttpStatusCode Status)>();
        for (var at = Step; at < TimeSpan.FromSeconds(5); at += Step)
        {
            _time.Advance(Step);
            if (at.Ticks % TimeSpan.FromMilliseconds(500).Ticks == 0)
            {
                using var duplicate = await app.Client.SendAsync(Deliveries.Snyk(Ping)).WaitAsync(Bound);
                duplicates.Add((at, duplicate.StatusCode));
            }
        }

        _time.Advance(Step);
        using var answered = await first.WaitAsync(Bound);
        using var afterwards = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        duplicates.Select(d => d.At).Should().Contain(TimeSpan.FromSeconds(3.5)).And.Contain(TimeSpan.FromSeconds(4.5));
        duplicates.Should().OnlyContain(d => d.Status == HttpStatusCode.Conflict, "the lease (2 s) is renewed while the handler (5 s) runs");
        answered.StatusCode.Should().Be(HttpStatusCode.OK);
        afterwards.StatusCode.Should().Be(HttpStatusCode.OK, "the completion is remembered");
        app.Runs.Should().Be(1);
        lost.IsCancellationRequested.Should().BeFalse("the reservation was never lost");
    }

    [Fact]
    public async Task A_store_that_stops_answering_renewals_fires_the_handlers_reservation_lost_token_once_the_lease_has_run_out()
    {
        var store = new ControlledStore(_time);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store), configure: o => o.ExactlyOnce.LeaseDuration = Lease);
        var (first, lost, finish) = await StartSlowHandlerAsync(app);

        await AdvanceAsync(Lease + Lease);
        var heldPastTwoLeases = !lost.IsCancellationRequested;
        var renewed = store.Renewals;
        store.RenewalsFail = true;
        var advanced = await AdvanceUntilAsync(() => lost.IsCancellationRequested, Lease * 3);
        finish.SetResult();
        using var answered = await first.WaitAsync(Bound);

        heldPastTwoLeases.Should().BeTrue();
        renewed.Should().BePositive();
        lost.IsCancellationRequested.Should().BeTrue($"no renewal was answered within the lease (advanced {advanced})");
        var logged = app.Logs.Entries.Single(e => e.EventId.Name == "WebhookDeliveryReservationLost");
        (logged.EventId.Id, logged.Level).Should().Be((19, Microsoft.Extensions.Logging.LogLevel.Warning));
        logged.Values.Should().Contain("Reason=unanswered").And.Contain("Registration=snyk");
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookDeliveryRenewFailed");
        answered.StatusCode.Should().Be(HttpStatusCode.OK, "the handler decides what to do once told; this one answered");
    }

    [Fact]
    public async Task Another_attempt_taking_the_delivery_fires_the_token_at_the_next_renewal()
    {
        var store = new ControlledStore(_time);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store), configure: o => o.ExactlyOnce.LeaseDuration = Lease);
        var (first, lost, finish) = await StartSlowHandlerAsync(app);
        var (key, token, lease) = store.Reserved.Single();

        await store.TakeAsync(key, token, lease);
        var advanced = await AdvanceUntilAsync(() => lost.IsCancellationRequested, Lease);
        finish.SetResult();
        using var answered = await first.WaitAsync(Bound);

        lost.IsCancellationRequested.Should().BeTrue($"the renewal found another holder (advanced {advanced})");
        app.Logs.Entries.Single(e => e.EventId.Name == "WebhookDeliveryReservationLost").Values.Should().Contain("Reason=not_held");
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookDeliveryLeaseLost", "the completion found the other attempt's reservation");
        (await store.Inner.TryReserveAsync(key, "a-third", lease, default)).Should().Be(WebhookReservationOutcome.InFlight, "the other attempt's reservation stands");
    }

    [Fact]
    public async Task A_store_that_does_not_renew_keeps_the_long_lease_is_never_asked_to_renew_and_the_token_fires_when_the_lease_runs_out()
    {
        var store = new ControlledStore(_time, canRenew: false);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store));
        var (first, lost, finish) = await StartSlowHandlerAsync(app);

        await AdvanceAsync(WebhookExactlyOnceOptions.DefaultLeaseDurationWithoutRenewal - Step);
        var heldWithinTheLease = !lost.IsCancellationRequested;
        await AdvanceUntilAsync(() => lost.IsCancellationRequested, Step * 4);
        finish.SetResult();
        using var answered = await first.WaitAsync(Bound);

        store.Reserved.Single().Lease.Should().Be(WebhookExactlyOnceOptions.DefaultLeaseDurationWithoutRenewal);
        store.Renewals.Should().Be(0);
        heldWithinTheLease.Should().BeTrue();
        lost.IsCancellationRequested.Should().BeTrue();
        app.Logs.Entries.Single(e => e.EventId.Name == "WebhookDeliveryReservationLost").Values.Should().Contain("Reason=expired");
    }

    [Fact]
    public async Task A_store_that_renews_gets_a_thirty_second_lease_unless_one_is_configured()
    {
        var store = new ControlledStore(_time);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store));
        var configured = new ControlledStore(_time);
        await using var other = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => configured), configure: o => o.ExactlyOnce.LeaseDuration = TimeSpan.FromSeconds(7));

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await other.Client.SendAsync(Deliveries.Snyk(Ping));

        store.Reserved.Single().Lease.Should().Be(TimeSpan.FromSeconds(30)).And.Be(WebhookExactlyOnceOptions.DefaultLeaseDuration);
        configured.Reserved.Single().Lease.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Handlers_that_finish_within_their_lease_are_never_renewed_and_their_tokens_never_fire()
    {
        var store = new ControlledStore(_time);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store), configure: o => o.ExactlyOnce.LeaseDuration = Lease);
        var tokens = new List<CancellationToken>();
        app.Handler = context =>
        {
            lock (tokens)
            {
                tokens.Add(context.GetWebhookVerification()!.ReservationLost);
            }

            return Task.CompletedTask;
        };

        for (var i = 0; i < 20; i++)
        {
            using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping + new string(' ', i)));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var heldAfterwards = app.Services.GetRequiredService<WebhookLeaseRenewal>().Count;
        await AdvanceAsync(Lease * 3);

        heldAfterwards.Should().Be(0, "a settled reservation is forgotten at once");
        store.Renewals.Should().Be(0);
        tokens.Should().HaveCount(20).And.OnlyContain(t => t.CanBeCanceled && !t.IsCancellationRequested, "a settled reservation is not lost when its lease would have ended");
        app.Logs.Entries.Should().NotContain(e => e.EventId.Name == "WebhookDeliveryReservationLost");
    }

    [Fact]
    public async Task After_an_idle_spell_the_next_slow_handler_is_renewed_again()
    {
        var store = new ControlledStore(_time);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store), configure: o => o.ExactlyOnce.LeaseDuration = Lease);
        await app.Client.SendAsync(Deliveries.Snyk(Ping + " "));

        // Long enough for the renewal timer to find nothing held and stop.
        await AdvanceAsync(TimeSpan.FromSeconds(5));
        var (first, lost, finish) = await StartSlowHandlerAsync(app);
        await AdvanceAsync(Lease * 3);
        using var duplicate = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        finish.SetResult();
        using var answered = await first.WaitAsync(Bound);

        store.Renewals.Should().BePositive();
        lost.IsCancellationRequested.Should().BeFalse();
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        app.Runs.Should().Be(2, "one for each delivery");
    }

    [Fact]
    public async Task Without_exactly_once_handling_the_token_never_fires()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, configure: o => o.ExactlyOnce.Enabled = false);
        CancellationToken? seen = null;
        app.Handler = context =>
        {
            seen = context.GetWebhookVerification()!.ReservationLost;
            return Task.CompletedTask;
        };

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        seen.Should().NotBeNull();
        seen!.Value.CanBeCanceled.Should().BeFalse("there is no reservation to lose");
    }

    [Fact]
    public async Task Reservations_watched_and_forgotten_from_many_threads_at_once_all_leave()
    {
        await using var app = await ScriptedReceiver.StartAsync(TimeProvider.System, kestrel: true, configure: o => o.ExactlyOnce.LeaseDuration = Lease);
        var renewal = app.Services.GetRequiredService<WebhookLeaseRenewal>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => app.Client.SendAsync(Deliveries.Snyk(Ping + new string(' ', i)))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        renewal.Count.Should().Be(0);
        app.Runs.Should().Be(400);
    }

    private async Task<(Task<HttpResponseMessage> First, CancellationToken Lost, TaskCompletionSource Finish)> StartSlowHandlerAsync(ScriptedReceiver app)
    {
        var entered = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Handler = async context =>
        {
            // Only the first run waits: a second one, the defect these tests look for, answers at once instead of hanging.
            if (entered.TrySetResult(context.GetWebhookVerification()!.ReservationLost))
            {
                await finish.Task;
            }
        };

        var first = app.Client.SendAsync(Deliveries.Snyk(Ping));
        return (first, await entered.Task.WaitAsync(Bound), finish);
    }

    // The clock moves a tick at a time, as the renewal timer sees it; a renewal against the in-memory store is done
    // within the tick, and the short yield lets continuations on the thread pool run between ticks.
    private async Task AdvanceAsync(TimeSpan total)
    {
        for (var advanced = TimeSpan.Zero; advanced < total; advanced += Step)
        {
            _time.Advance(Step);
            await Task.Yield();
        }
    }

    private async Task<TimeSpan> AdvanceUntilAsync(Func<bool> done, TimeSpan limit)
    {
        var advanced = TimeSpan.Zero;
        while (!done() && advanced < limit)
        {
            _time.Advance(Step);
            advanced += Step;

            // The token's callbacks and a renewal's continuation may run on the thread pool: let them land.
            await Poll.UntilAsync(done, TimeSpan.FromMilliseconds(50));
        }

        return advanced;
    }
}

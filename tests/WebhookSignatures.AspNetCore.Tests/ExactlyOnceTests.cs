using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Exactly-once handling on one instance (the in-memory store), for what senders do: retry after a failure, resend
/// after a lost response, re-sign a retry, send duplicates at once; and what attackers do: strip one of two signatures.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const string Ping = """{"webhookId":"1"}""";

    private readonly FakeTimeProvider _time = new(TestApp.Now);

    [Fact]
    public async Task A_handler_that_throws_leaves_the_delivery_to_the_senders_retry()
    {
        // Kestrel, so the exception becomes the 500 a sender sees.
        await using var app = await ScriptedReceiver.StartAsync(_time, kestrel: true);
        app.Handler = _ => throw new InvalidOperationException("the database is down");

        using var failed = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        app.Handler = _ => Task.CompletedTask;
        using var retried = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        retried.StatusCode.Should().Be(HttpStatusCode.OK, "the retry of the identical bytes runs the handler");
        app.Runs.Should().Be(2);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookDeliveryReleased");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(404)]
    [InlineData(302)]
    public async Task A_handler_that_answers_anything_but_2xx_leaves_the_delivery_to_the_retry(int status)
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        app.Handler = context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        };

        using var failed = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        app.Handler = _ => Task.CompletedTask;
        using var retried = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        ((int)failed.StatusCode).Should().Be(status);
        retried.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(2);
    }

    [Fact]
    public async Task A_resend_after_a_lost_response_is_acknowledged_without_running_the_handler()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);

        using var first = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var resent = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var infisical = await app.Client.SendAsync(Deliveries.Infisical(Secrets.Infisical, TestApp.Now));
        using var infisicalResent = await app.Client.SendAsync(Deliveries.Infisical(Secrets.Infisical, TestApp.Now));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        resent.StatusCode.Should().Be(HttpStatusCode.OK, "a sender told 401 records a failure and may disable the hook");
        infisicalResent.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(2, "one run for Snyk, one for Infisical");
        app.Logs.Entries.Count(e => e.EventId.Name == "WebhookDuplicate").Should().Be(2);
    }

    [Fact]
    public async Task A_standard_webhooks_retry_with_a_new_timestamp_and_signature_is_handled_once()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);

        using var first = await app.Client.SendAsync(SenderDeliveries.Standard(Ping, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", TestApp.Now));
        _time.Advance(TimeSpan.FromMinutes(30));
        using var retry = await app.Client.SendAsync(SenderDeliveries.Standard(Ping, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", _time.GetUtcNow()));
        using var another = await app.Client.SendAsync(SenderDeliveries.Standard(Ping, "msg_another", _time.GetUtcNow()));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        another.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(2, "the retry shares the signed webhook-id; another message does not");
    }

    [Fact]
    public async Task A_stripe_retry_of_the_same_event_under_a_new_t_and_signature_is_handled_once()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        const string Event = """{"id":"evt_1QxYz2AbCdEf","object":"event","type":"invoice.paid"}""";

        using var first = await app.Client.SendAsync(SenderDeliveries.Stripe(Event, TestApp.Now, ScriptedReceiver.StripeSecret));
        _time.Advance(TimeSpan.FromHours(1));
        using var retry = await app.Client.SendAsync(SenderDeliveries.Stripe(Event, _time.GetUtcNow(), ScriptedReceiver.StripeSecret));

        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1);
    }

    [Fact]
    public async Task A_duplicate_while_the_first_is_being_handled_is_told_to_retry_later()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Handler = async _ =>
        {
            entered.TrySetResult();
            await release.Task;
        };

        var first = app.Client.SendAsync(Deliveries.Snyk(Ping));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var duplicate = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        release.SetResult();
        using var firstResponse = await first;
        using var afterwards = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        duplicate.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(10));
        firstResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        afterwards.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookInFlight");
    }

    [Fact]
    public async Task Forty_identical_deliveries_at_once_on_real_kestrel_run_the_handler_exactly_once()
    {
        await using var app = await ScriptedReceiver.StartAsync(TimeProvider.System, kestrel: true);
        app.Handler = _ => Task.Delay(50);
        var body = """{"webhookId":"concurrent-1"}""";

        for (var round = 0; round < 5; round++)
        {
            var unique = body.Replace("1", round.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => app.Client.SendAsync(Deliveries.Snyk(unique))));
            var statuses = responses.Select(r => (int)r.StatusCode).ToList();

            statuses.Should().OnlyContain(s => s == 200 || s == 409, "none is refused as forged");
            app.Runs.Should().Be(round + 1);
        }
    }

    [Fact]
    public async Task A_replay_with_one_of_two_rotation_signatures_stripped_is_not_handled_again()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        const string Event = """{"object":"event","type":"invoice.paid"}""";

        using var both = await app.Client.SendAsync(SenderDeliveries.Stripe(Event, TestApp.Now, ScriptedReceiver.StripeSecret, ScriptedReceiver.StripePreviousSecret));
        using var previousOnly = await app.Client.SendAsync(SenderDeliveries.Stripe(Event, TestApp.Now, ScriptedReceiver.StripePreviousSecret));
        using var currentOnly = await app.Client.SendAsync(SenderDeliveries.Stripe(Event, TestApp.Now, ScriptedReceiver.StripeSecret));

        both.StatusCode.Should().Be(HttpStatusCode.OK);
        previousOnly.StatusCode.Should().Be(HttpStatusCode.OK);
        currentOnly.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1, "the identity is what the MAC covers, not which MAC matched");
    }

    [Fact]
    public async Task The_identity_is_signed_material_never_an_unsigned_header()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        var sameSignatureNewId = Deliveries.Snyk(Ping);
        sameSignatureNewId.Headers.Remove("X-Snyk-Transport-ID");
        sameSignatureNewId.Headers.TryAddWithoutValidation("X-Snyk-Transport-ID", "a-fresh-id");

        using var original = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var renamed = await app.Client.SendAsync(sameSignatureNewId);
        using var newBody = await app.Client.SendAsync(Deliveries.Snyk(Ping + " "));

        app.Runs.Should().Be(2, "a new transport id does not make a captured delivery new; a new body with the old id is new");
    }

    [Fact]
    public async Task A_timestamped_delivery_is_forgotten_once_its_window_has_passed()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        var store = (MemoryWebhookDeliveryStore)app.Services.GetRequiredService<IWebhookDeliveryStore>();

        using var accepted = await app.Client.SendAsync(Deliveries.Infisical(Secrets.Infisical, TestApp.Now));
        store.Count("infisical").Should().Be(1);
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        store.Count("infisical").Should().Be(0, "after the window the identical bytes fail verification as stale");
    }

    [Fact]
    public async Task Untimestamped_deliveries_are_remembered_for_the_configured_time_to_live()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, configure: o => o.ExactlyOnce.TimeToLive = TimeSpan.FromHours(1));

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        _time.Advance(TimeSpan.FromMinutes(59));
        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        app.Runs.Should().Be(1);
        _time.Advance(TimeSpan.FromMinutes(2));
        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        app.Runs.Should().Be(2);
    }

    [Theory]
    [InlineData("standard-webhooks")]
    [InlineData("stripe")]
    public async Task A_captured_delivery_replayed_inside_its_window_is_not_handled_again_when_the_time_to_live_is_shorter(string sender)
    {
        // The identity is a signed id, whose completion is kept for TimeToLive; the identical bytes verify for as long
        // as their signed timestamp is in the window, so a shorter time to live must not let a replay through.
        await using var app = await ScriptedReceiver.StartAsync(_time, configure: o => o.ExactlyOnce.TimeToLive = TimeSpan.FromMinutes(1));
        const string Event = """{"id":"evt_1QxYz2AbCdEf","object":"event","type":"invoice.paid"}""";
        var signedAhead = TestApp.Now.AddMinutes(4);
        var captured = sender == "stripe"
            ? SenderDeliveries.Stripe(Event, signedAhead, ScriptedReceiver.StripeSecret)
            : SenderDeliveries.Standard(Event, "msg_captured", signedAhead);
        var replay = await SenderDeliveries.CopyAsync(captured);
        var lateReplay = await SenderDeliveries.CopyAsync(captured);

        using var first = await app.Client.SendAsync(captured);
        _time.Advance(TimeSpan.FromMinutes(8));
        using var replayed = await app.Client.SendAsync(replay);
        _time.Advance(TimeSpan.FromMinutes(2));
        using var stale = await app.Client.SendAsync(lateReplay);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replayed.StatusCode.Should().Be(HttpStatusCode.OK, "a duplicate is acknowledged");
        stale.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "outside the window the bytes no longer verify");
        app.Runs.Should().Be(1, "the completion is kept until the signed timestamp leaves the window (4 minutes ahead plus 5 of tolerance)");
    }

    [Fact]
    public async Task A_handler_that_finishes_after_its_sender_timed_out_completes_the_delivery_and_the_retry_is_a_duplicate()
    {
        // A handler slower than the sender's timeout (Svix waits 15 seconds, Stripe 10 to 20) completes its work
        // after the sender hung up; the sender retries, and would time out again on every retry were it run again.
        await using var app = await ScriptedReceiver.StartAsync(TimeProvider.System, kestrel: true);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = await SendAndHangUpAsync(app, async context =>
        {
            await release.Task;
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        release.SetResult();
        await settled.WaitAsync(TimeSpan.FromSeconds(30));
        app.Handler = _ => Task.CompletedTask;
        using var retry = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1, "the handler answered 2xx: its work is done, whoever was there to read the answer");
    }

    [Fact]
    public async Task A_sender_resetting_its_connections_cannot_run_a_handler_twice()
    {
        // Anyone holding a delivery that verifies and was never completed sends it and hangs up on every attempt
        // before the answer: the handler ran to a 2xx the first time, so every later attempt is a duplicate.
        await using var app = await ScriptedReceiver.StartAsync(TimeProvider.System, kestrel: true);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var settled = await SendAndHangUpAsync(app, async context =>
            {
                await release.Task;
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            });
            release.TrySetResult();
            await settled.WaitAsync(TimeSpan.FromSeconds(30));
        }

        app.Runs.Should().Be(1);
    }

    [Fact]
    public async Task A_handler_that_stops_on_RequestAborted_by_throwing_leaves_the_delivery_to_the_retry()
    {
        // The other way to end when the sender has gone: stop, by letting the cancellation throw. Nothing was done,
        // so the delivery is released and the retry runs it. At least once, never lost.
        await using var app = await ScriptedReceiver.StartAsync(TimeProvider.System, kestrel: true);
        var settled = await SendAndHangUpAsync(app, context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        await settled.WaitAsync(TimeSpan.FromSeconds(30));
        app.Handler = _ => Task.CompletedTask;
        using var retry = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(2);
    }

    // Sends one delivery and hangs up once the handler has started, or once a duplicate's answer came. Returns a task
    // that ends when the request has ended on the server (at once when the handler never ran).
    private static async Task<Task> SendAndHangUpAsync(ScriptedReceiver app, Func<HttpContext, Task> handler)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Handler = async context =>
        {
            context.Response.OnCompleted(() =>
            {
                settled.TrySetResult();
                return Task.CompletedTask;
            });
            entered.TrySetResult();
            await handler(context);
        };

        using var timeout = new CancellationTokenSource();
        var sent = app.Client.SendAsync(Deliveries.Snyk(Ping), timeout.Token);
        await Task.WhenAny(entered.Task, sent).WaitAsync(TimeSpan.FromSeconds(30));
        await timeout.CancelAsync();
        try
        {
            using var answered = await sent;
        }
        catch (OperationCanceledException)
        {
            // The sender hung up.
        }

        return entered.Task.IsCompleted ? settled.Task : Task.CompletedTask;
    }

    [Fact]
    public async Task A_crashed_reservation_blocks_retries_only_until_its_lease_ends()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        var store = app.Services.GetRequiredService<IWebhookDeliveryStore>();
        var key = new WebhookDeliveryKey("snyk", WebhookDeliveryIdentity.FromSignedContent(default, System.Text.Encoding.UTF8.GetBytes(Ping)));
        (await store.TryReserveAsync(key, "an-instance-that-died", WebhookExactlyOnceOptions.DefaultLeaseDuration, default)).Should().Be(WebhookReservationOutcome.Reserved);

        using var during = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        _time.Advance(WebhookExactlyOnceOptions.DefaultLeaseDuration);
        using var after = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        during.StatusCode.Should().Be(HttpStatusCode.Conflict);
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1);
    }

    [Fact]
    public async Task Duplicate_and_in_flight_answers_are_configurable()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, configure: o =>
        {
            o.ExactlyOnce.DuplicateStatusCode = 208;
            o.ExactlyOnce.InFlightStatusCode = 429;
            o.ExactlyOnce.InFlightRetryAfter = TimeSpan.FromSeconds(3);
        });
        var store = app.Services.GetRequiredService<IWebhookDeliveryStore>();
        var held = new WebhookDeliveryKey("snyk", WebhookDeliveryIdentity.FromSignedContent(default, System.Text.Encoding.UTF8.GetBytes(Ping + "x")));
        await store.TryReserveAsync(held, "holder", TimeSpan.FromMinutes(1), default);

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var duplicate = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var inFlight = await app.Client.SendAsync(Deliveries.Snyk(Ping + "x"));

        ((int)duplicate.StatusCode).Should().Be(208);
        ((int)inFlight.StatusCode).Should().Be(429);
        inFlight.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task An_unreachable_store_refuses_with_503_and_the_handler_never_runs()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => new UnreachableStore()));

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        app.Runs.Should().Be(0);
        app.Logs.Entries.Should().Contain(e => e.EventId.Id == 5 && e.EventId.Name == "WebhookDeliveryStoreUnavailable");
    }

    [Fact]
    public async Task An_unreachable_store_lets_the_handler_run_only_when_fail_open_is_configured()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => new UnreachableStore()), configure: o => o.ExactlyOnce.AllowWhenStoreUnavailable = true);

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1);
        app.Logs.Entries.Should().Contain(e => e.EventId.Id == 6 && e.EventId.Name == "WebhookDeliveryStoreUnavailableAccepted");
    }

    [Fact]
    public async Task A_store_that_fails_to_complete_logs_it_and_the_lease_still_ends_the_reservation()
    {
        var store = new FailingCompletionStore(new MemoryWebhookDeliveryStore(Microsoft.Extensions.Options.Options.Create(new WebhookMemoryDeliveryStoreOptions()), _time));
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store));

        using var first = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var during = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        _time.Advance(WebhookExactlyOnceOptions.DefaultLeaseDurationWithoutRenewal);
        using var after = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        during.StatusCode.Should().Be(HttpStatusCode.Conflict);
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookDeliverySettleFailed");
    }

    [Fact]
    public async Task A_completion_the_store_failed_is_retried_within_the_lease_so_the_resend_is_not_handled_again()
    {
        var store = new FailingCompletionStore(new MemoryWebhookDeliveryStore(Microsoft.Extensions.Options.Options.Create(new WebhookMemoryDeliveryStoreOptions()), _time), failures: 1);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store));

        using var first = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var during = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        var after = HttpStatusCode.Conflict;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (after == HttpStatusCode.Conflict)
            {
                await Task.Delay(10, deadline.Token);
                using var resend = await app.Client.SendAsync(Deliveries.Snyk(Ping), deadline.Token);
                after = resend.StatusCode;
            }
        }

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        during.StatusCode.Should().Be(HttpStatusCode.Conflict, "the completion has not landed yet");
        after.Should().Be(HttpStatusCode.OK, "the retried completion landed: the resend is a duplicate");
        app.Runs.Should().Be(1);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookDeliverySettledOnRetry");
    }

    [Fact]
    public async Task Exactly_once_handling_can_be_turned_off_per_registration()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, configure: o => o.ExactlyOnce.Enabled = false);

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping));

        app.Runs.Should().Be(2);
    }

    [Fact]
    public async Task A_full_in_memory_store_fails_closed()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddMemoryDeliveryStore(o => o.CapacityPerRegistration = 1));

        using var first = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var second = await app.Client.SendAsync(Deliveries.Snyk(Ping + " "));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    private sealed class UnreachableStore : IWebhookDeliveryStore
    {
        public ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken) =>
            throw new IOException("connection refused");

        public ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            throw new IOException("connection refused");

        public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken) =>
            throw new IOException("connection refused");

        public ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken) =>
            throw new IOException("connection refused");
    }

    /// <summary>A store whose completions fail (the first <paramref name="failures"/> of them, or all), as when Redis goes away.</summary>
    private sealed class FailingCompletionStore(IWebhookDeliveryStore inner, int failures = int.MaxValue) : IWebhookDeliveryStore
    {
        private int _failed;

        public ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken) =>
            inner.TryReserveAsync(key, token, lease, cancellationToken);

        public ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _failed) <= failures
                ? throw new IOException("connection reset")
                : inner.CompleteAsync(key, token, timeToLive, cancellationToken);

        public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken) =>
            inner.RenewAsync(key, token, lease, cancellationToken);

        public ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken) =>
            inner.ReleaseAsync(key, token, cancellationToken);
    }
}

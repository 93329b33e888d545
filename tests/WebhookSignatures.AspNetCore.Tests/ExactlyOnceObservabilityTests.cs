using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// What exactly-once handling promised each delivery can be watched: counters of the store's answers, settlements,
/// renewals and lost leases, the store's latency per operation, and a span per admission and per store call, all tagged
/// with registration and scheme, never with a secret or a delivery's id.
/// </summary>
public sealed class ExactlyOnceObservabilityTests
{
    private const string Ping = """{"webhookId":"watched"}""";

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(TestApp.Now);

    [Fact]
    public async Task Answers_settlements_renewals_lost_leases_and_store_latency_are_measured_by_registration_and_scheme()
    {
        var store = new ControlledStore(_time);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store), configure: o => o.ExactlyOnce.LeaseDuration = Lease);
        using var metrics = new Measurements(app.Services);

        using (await app.Client.SendAsync(Deliveries.Snyk(Ping)))
        using (await app.Client.SendAsync(Deliveries.Snyk(Ping)))
        {
        }

        app.Handler = context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        };
        using (await app.Client.SendAsync(Deliveries.Snyk(Ping + " ")))
        {
        }

        // A slow handler: renewed, a duplicate in flight, then the store stops answering and the lease is lost.
        var entered = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Handler = async context =>
        {
            entered.TrySetResult(context.GetWebhookVerification()!.ReservationLost);
            await finish.Task;
        };
        var slow = app.Client.SendAsync(Deliveries.Snyk(Ping + "  "));
        var lost = await entered.Task.WaitAsync(Bound);
        await AdvanceAsync(Lease * 2, () => false);
        using (await app.Client.SendAsync(Deliveries.Snyk(Ping + "  ")))
        {
        }

        store.RenewalsFail = true;
        await AdvanceAsync(Lease * 3, () => lost.IsCancellationRequested);
        finish.SetResult();
        using (await slow.WaitAsync(Bound))
        {
        }

        metrics.Count(WebhookSignatureMeter.ReservationsInstrument, "reservation=reserved").Should().Be(3);
        metrics.Count(WebhookSignatureMeter.ReservationsInstrument, "reservation=duplicate").Should().Be(1);
        metrics.Count(WebhookSignatureMeter.ReservationsInstrument, "reservation=in_flight").Should().Be(1);
        metrics.Count(WebhookSignatureMeter.SettlementsInstrument, "settlement=completed").Should().Be(2, "the first delivery, and the slow one once it answered (nothing else held it)");
        metrics.Count(WebhookSignatureMeter.SettlementsInstrument, "settlement=released").Should().Be(1);
        metrics.Count(WebhookSignatureMeter.LeaseRenewalsInstrument, string.Empty).Should().BePositive();
        metrics.Count(WebhookSignatureMeter.LeasesLostInstrument, "lease_lost_reason=unanswered").Should().Be(1);
        metrics.Longs.Should().OnlyContain(m => m.Tags.StartsWith("registration=snyk scheme=snyk", StringComparison.Ordinal));

        var operations = metrics.Doubles.Where(m => m.Name == WebhookSignatureMeter.StoreOperationDurationInstrument).ToList();
        operations.Should().OnlyContain(m => m.Value >= 0 && m.Tags.StartsWith("registration=snyk scheme=snyk store.operation=", StringComparison.Ordinal));
        operations.Select(m => m.Tags.Split(' ')[2]).Distinct().Should().BeEquivalentTo(["store.operation=reserve", "store.operation=complete", "store.operation=release", "store.operation=renew"]);
        operations.Should().Contain(m => m.Tags.EndsWith("store.operation=renew error.type=System.IO.IOException", StringComparison.Ordinal), "a renewal that threw is timed with its error's type");
    }

    [Fact]
    public async Task Every_instrument_is_published_under_the_meter_the_docs_name()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        using var metrics = new Measurements(app.Services);

        // The instruments are made with the pipeline, which the first delivery brings about.
        using (await app.Client.SendAsync(Deliveries.Snyk(Ping)))
        {
        }

        metrics.Published.Should().BeEquivalentTo(
            WebhookSignatureMeter.VerificationsInstrument,
            WebhookSignatureMeter.DurationInstrument,
            WebhookSignatureMeter.ReservationsInstrument,
            WebhookSignatureMeter.SettlementsInstrument,
            WebhookSignatureMeter.LeaseRenewalsInstrument,
            WebhookSignatureMeter.LeasesLostInstrument,
            WebhookSignatureMeter.CompletionsNotReplicatedInstrument,
            WebhookSignatureMeter.StoreOperationDurationInstrument);
    }

    [Fact]
    public async Task A_delivery_is_traced_as_an_admission_span_with_its_reservation_then_its_renewals_and_completion_in_the_same_trace()
    {
        var store = new ControlledStore(_time);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store), configure: o => o.ExactlyOnce.LeaseDuration = Lease);
        using var tests = new ActivitySource("WebhookSignatures.AspNetCore.Tests.Traces");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is WebhookSignatureMeter.ActivitySourceName or "WebhookSignatures.AspNetCore.Tests.Traces",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Handler = async _ =>
        {
            entered.TrySetResult();
            await finish.Task;
        };

        ActivityTraceId trace;
        Task<HttpResponseMessage> sending;
        using (var root = tests.StartActivity("a sender's delivery")!)
        {
            // As a traced sender sends it: the request carries the trace, which the server's request span continues.
            trace = root.TraceId;
            var request = Deliveries.Snyk(Ping);
            request.Headers.Add("traceparent", root.Id);
            sending = app.Client.SendAsync(request);
        }

        await entered.Task.WaitAsync(Bound);
        await AdvanceAsync(Lease, () => false);
        finish.SetResult();
        using var answered = await sending.WaitAsync(Bound);
        // The sender's retry, in a trace of its own: other tests' deliveries, running alongside, reach this listener too.
        ActivityTraceId again;
        using (var retry = tests.StartActivity("the sender's retry")!)
        {
            again = retry.TraceId;
            var request = Deliveries.Snyk(Ping);
            request.Headers.Add("traceparent", retry.Id);
            using (await app.Client.SendAsync(request))
            {
            }
        }

        var ours = spans.Where(s => s.TraceId == trace && s.Source.Name == WebhookSignatureMeter.ActivitySourceName).ToList();
        var admit = ours.Single(s => s.DisplayName == "admit snyk");
        admit.Kind.Should().Be(ActivityKind.Internal);
        admit.GetTagItem("webhook.registration").Should().Be("snyk");
        admit.GetTagItem("webhook.scheme").Should().Be("snyk");
        admit.GetTagItem("webhook.outcome").Should().Be("accepted");
        var reserve = ours.Single(s => s.DisplayName == "reserve snyk");
        reserve.ParentSpanId.Should().Be(admit.SpanId, "the reservation is part of the admission");
        reserve.Kind.Should().Be(ActivityKind.Client);
        reserve.GetTagItem("webhook.store.answer").Should().Be("reserved");
        ours.Where(s => s.DisplayName == "renew snyk").Should().NotBeEmpty().And.OnlyContain(s => (string?)s.GetTagItem("webhook.store.answer") == "held");
        ours.Single(s => s.DisplayName == "complete snyk").GetTagItem("webhook.store.answer").Should().Be("held");
        var duplicate = spans.Single(s => s.TraceId == again && s.DisplayName == "admit snyk" && s.Source.Name == WebhookSignatureMeter.ActivitySourceName);
        duplicate.GetTagItem("webhook.outcome").Should().Be("duplicate");
    }

    [Fact]
    public async Task No_measurement_or_span_names_a_secret_or_a_delivery()
    {
        var store = new ControlledStore(_time);
        await using var app = await ScriptedReceiver.StartAsync(_time, store: w => w.AddDeliveryStore(_ => store), configure: o => o.ExactlyOnce.LeaseDuration = Lease);
        using var metrics = new Measurements(app.Services);
        var tags = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WebhookSignatureMeter.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => tags.Enqueue(activity.DisplayName + " " + string.Join(' ', activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))),
        };
        ActivitySource.AddActivityListener(listener);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Handler = async _ =>
        {
            entered.TrySetResult();
            await finish.Task;
        };

        var sending = app.Client.SendAsync(Deliveries.Snyk(Ping));
        await entered.Task.WaitAsync(Bound);
        await AdvanceAsync(Lease, () => false);
        store.RenewalsFail = true;
        await AdvanceAsync(Lease * 2, () => false);
        finish.SetResult();
        using (await sending.WaitAsync(Bound))
        {
        }

        var delivery = store.Reserved.Single();
        string[] everything = [.. tags, .. metrics.Longs.Select(m => m.Tags), .. metrics.Doubles.Select(m => m.Tags)];
        everything.Should().NotBeEmpty();
        foreach (var forbidden in (string[])[delivery.Key.Id.ToString()[^64..], delivery.Token, Secrets.Snyk, "watched", "transport-42"])
        {
            everything.Should().NotContain(t => t.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"'{forbidden}' is a secret or names the delivery");
        }
    }

    private async Task AdvanceAsync(TimeSpan total, Func<bool> done)
    {
        for (var advanced = TimeSpan.Zero; advanced < total && !done(); advanced += WebhookLeaseRenewal.Tick)
        {
            _time.Advance(WebhookLeaseRenewal.Tick);
            await Poll.UntilAsync(done, TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Every measurement of one application's meter, with its tags as <c>name=value</c> (without the <c>webhook.</c> prefix).</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();

        public Measurements(IServiceProvider services)
        {
            var factory = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == WebhookSignatureMeter.Name && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    Published.Add(instrument.Name);
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Longs.Enqueue((instrument.Name, value, Describe(tags))));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Doubles.Enqueue((instrument.Name, value, Describe(tags))));
            _listener.Start();
        }

        public ConcurrentBag<string> Published { get; } = [];

        public ConcurrentQueue<(string Name, long Value, string Tags)> Longs { get; } = new();

        public ConcurrentQueue<(string Name, double Value, string Tags)> Doubles { get; } = new();

        /// <summary>The sum of an instrument's measurements whose tags end with <paramref name="tagsEnd"/>.</summary>
        public long Count(string instrument, string tagsEnd) =>
            Longs.Where(m => m.Name == instrument && m.Tags.EndsWith(tagsEnd, StringComparison.Ordinal)).Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();

        private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var parts = new List<string>();
            foreach (var tag in tags)
            {
                parts.Add($"{tag.Key.Replace("webhook.", string.Empty, StringComparison.Ordinal)}={tag.Value}");
            }

            return string.Join(' ', parts);
        }
    }
}

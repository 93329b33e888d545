using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.AspNetCore.Tests;

public sealed class ObservabilityTests
{
    private const string Ping = """{"webhookId":"observability"}""";

    [Fact]
    public async Task Each_outcome_is_logged_with_a_stable_event_id_and_the_remote_address_field()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));
        await app.Client.SendAsync(Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, new byte[TestApp.SnykMaxBodySize + 1], "/hooks/snyk"));

        var ours = app.Logs.Entries.Where(e => e.Category == typeof(WebhookDeliveryPipeline).FullName).ToList();
        ours.Select(e => (e.EventId.Id, e.EventId.Name)).Should().Equal(
            (1, "WebhookAccepted"), (4, "WebhookDuplicate"), (2, "WebhookRejected"), (3, "WebhookBodyTooLarge"));
        ours.Should().OnlyContain(e => e.Values.Contains("Registration=snyk", StringComparison.Ordinal) && e.Values.Contains("Scheme=snyk", StringComparison.Ordinal) && e.Values.Contains("RemoteAddress=", StringComparison.Ordinal));
        ours[2].Values.Should().Contain("Reason=SignatureMismatch");
    }

    [Fact]
    public async Task Metrics_count_verifications_by_scheme_and_outcome_and_record_their_duration()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var counts = new ConcurrentQueue<string>();
        var durations = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WebhookSignatureMeter.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == WebhookSignatureMeter.VerificationsInstrument)
            {
                counts.Enqueue($"{instrument.Name} {value} {Describe(tags)}");
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == WebhookSignatureMeter.DurationInstrument)
            {
                durations.Enqueue($"{instrument.Name} {(value >= 0 ? "non-negative" : "negative")} {Describe(tags)}");
            }
        });
        listener.Start();

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Infisical(Secrets.Unknown, TestApp.Now));
        await app.Client.SendAsync(Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, new byte[TestApp.SnykMaxBodySize + 1], "/hooks/snyk"));

        counts.Should().Equal(
            "webhooksig.verifications 1 registration=snyk scheme=snyk outcome=accepted reason=None",
            "webhooksig.verifications 1 registration=snyk scheme=snyk outcome=duplicate reason=None",
            "webhooksig.verifications 1 registration=infisical scheme=infisical outcome=unverified reason=SignatureMismatch",
            "webhooksig.verifications 1 registration=snyk scheme=snyk outcome=body_too_large reason=None");
        durations.Should().HaveCount(4).And.OnlyContain(d => d.StartsWith("webhooksig.verification.duration non-negative", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_does_not_arrive_in_time_is_logged_and_counted_with_its_own_event_id_and_outcome()
    {
        var timeout = TimeSpan.FromSeconds(13);
        var time = new TimerWatchingTimeProvider(TestApp.Now, timeout);
        await using var app = await TestApp.StartAsync(Shape.Convention, w => w.AddSnyk("snyk", o =>
        {
            o.Secrets.Add(Secrets.Snyk);
            o.BodyReadTimeout = timeout;
        }), time: time);
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var counts = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WebhookSignatureMeter.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == WebhookSignatureMeter.VerificationsInstrument)
            {
                counts.Enqueue($"{instrument.Name} {value} {Describe(tags)}");
            }
        });
        listener.Start();
        var content = new StalledContent("{\"webhook"u8.ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/snyk") { Content = content };

        var sending = app.Client.SendAsync(request);
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(timeout);
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(20));
        content.Release();

        ((int)response.StatusCode).Should().Be(408);
        counts.Should().Equal("webhooksig.verifications 1 registration=snyk scheme=snyk outcome=body_read_timed_out reason=None");
        var logged = app.Logs.Entries.Single(e => e.Category == typeof(WebhookDeliveryPipeline).FullName);
        (logged.EventId.Id, logged.EventId.Name).Should().Be((8, "WebhookBodyReadTimedOut"));
        logged.Values.Should().Contain("Timeout=00:00:13").And.Contain("Registration=snyk");
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new StringBuilder();
        foreach (var tag in tags)
        {
            text.Append(tag.Key.Replace("webhook.", string.Empty, StringComparison.Ordinal).Replace("failure_", string.Empty, StringComparison.Ordinal)).Append('=').Append(tag.Value).Append(' ');
        }

        return text.ToString().TrimEnd();
    }
}

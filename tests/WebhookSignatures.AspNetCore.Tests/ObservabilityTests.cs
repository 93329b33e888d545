using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.AspNetCore.Tests;

public sealed class ObservabilityTests
{
    private const string Ping = """{"webhookId":"observability-body-marker"}""";

    [Fact]
    public async Task Logs_of_passing_and_failing_requests_never_contain_a_secret_a_signature_or_a_body()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware);
        var requests = new List<HttpRequestMessage>
        {
            Deliveries.Infisical(Secrets.Infisical, TestApp.Now),
            Deliveries.Infisical(Secrets.Infisical, TestApp.Now),
            Deliveries.Infisical(Secrets.InfisicalPrevious, TestApp.Now.AddMinutes(-10)),
            Deliveries.Snyk(Ping),
            Deliveries.Snyk(Ping, Secrets.Unknown),
            Deliveries.GitHub(Ping),
            Deliveries.Hub(HubSignature.Snyk, Secrets.Snyk, new byte[TestApp.SnykMaxBodySize + 1], "/hooks/snyk"),
        };
        var signatures = requests.SelectMany(r => r.Headers).Where(h => h.Key.Contains("Signature", StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value).ToList();

        var statuses = new List<int>();
        foreach (var request in requests)
        {
            using var response = await app.Client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
        }

        statuses.Should().Equal(200, 401, 401, 200, 401, 200, 413);
        var logs = app.Logs.Entries.Select(e => e.All).ToList();
        logs.Should().NotBeEmpty();
        foreach (var secret in Secrets.All.Append(Secrets.Unknown))
        {
            logs.Should().NotContain(l => l.Contains(secret, StringComparison.Ordinal), "secret {0} must never be logged", secret);
        }

        foreach (var signature in signatures)
        {
            var hex = signature[(signature.LastIndexOfAny([';', '=']) + 1)..];
            logs.Should().NotContain(l => l.Contains(hex, StringComparison.OrdinalIgnoreCase));
        }

        logs.Should().NotContain(l => l.Contains("observability-body-marker", StringComparison.Ordinal));
        logs.Should().NotContain(l => l.Contains("projectId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_outcome_is_logged_with_a_stable_event_id_and_the_remote_address_field()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));
        await app.Client.SendAsync(Deliveries.Hub(HubSignature.Snyk, Secrets.Snyk, new byte[TestApp.SnykMaxBodySize + 1], "/hooks/snyk"));

        var ours = app.Logs.Entries.Where(e => e.Category == typeof(WebhookRequestVerifier).FullName).ToList();
        ours.Select(e => (e.EventId.Id, e.EventId.Name)).Should().Equal(
            (1, "WebhookAccepted"), (4, "WebhookReplayed"), (2, "WebhookRejected"), (3, "WebhookBodyTooLarge"));
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
            if (instrument.Meter.Name == WebhookSignatureMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => counts.Enqueue($"{instrument.Name} {value} {Describe(tags)}"));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => durations.Enqueue($"{instrument.Name} {(value >= 0 ? "non-negative" : "negative")} {Describe(tags)}"));
        listener.Start();

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Infisical(Secrets.Unknown, TestApp.Now));
        await app.Client.SendAsync(Deliveries.Hub(HubSignature.Snyk, Secrets.Snyk, new byte[TestApp.SnykMaxBodySize + 1], "/hooks/snyk"));

        counts.Should().Equal(
            "webhooksig.verifications 1 registration=snyk scheme=snyk outcome=accepted reason=None",
            "webhooksig.verifications 1 registration=snyk scheme=snyk outcome=replayed reason=Replayed",
            "webhooksig.verifications 1 registration=infisical scheme=infisical outcome=rejected reason=SignatureMismatch",
            "webhooksig.verifications 1 registration=snyk scheme=snyk outcome=body_too_large reason=BodyTooLarge");
        durations.Should().HaveCount(4).And.OnlyContain(d => d.StartsWith("webhooksig.verification.duration non-negative", StringComparison.Ordinal));
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

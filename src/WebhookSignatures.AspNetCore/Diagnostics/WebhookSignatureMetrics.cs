using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The package's metrics: a counter of verifications and a histogram of their duration, tagged with
/// the registration, the scheme, the outcome and the failure reason. Their names are <see cref="WebhookSignatureMeter"/>'s.
/// </summary>
internal sealed class WebhookSignatureMetrics
{
    private readonly Counter<long> _verifications;
    private readonly Histogram<double> _duration;

    public WebhookSignatureMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(WebhookSignatureMeter.Name);
        _verifications = meter.CreateCounter<long>(WebhookSignatureMeter.VerificationsInstrument, "{verification}", "Webhook deliveries verified, by registration, scheme and outcome.");
        _duration = meter.CreateHistogram<double>(WebhookSignatureMeter.DurationInstrument, "s", "Time to read and verify a webhook delivery.");
    }

    internal void Record(string registration, string scheme, WebhookRefusalReason refusal, WebhookFailureReason reason, TimeSpan elapsed) =>
        Record(registration, scheme, WebhookOutcomeTags.ToOutcome(refusal), reason, elapsed);

    internal void Record(string registration, string scheme, WebhookOutcome outcome, WebhookFailureReason reason, TimeSpan elapsed)
    {
        // Without a listener there is nothing to record: skip building the tags.
        if (!_verifications.Enabled && !_duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "webhook.registration", registration },
            { "webhook.scheme", scheme },
            { "webhook.outcome", outcome.ToTag() },
            { "webhook.failure_reason", reason.ToString() },
        };
        _verifications.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}

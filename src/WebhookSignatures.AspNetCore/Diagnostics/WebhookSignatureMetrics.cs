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

    /// <summary>Counts one delivery and how long reading and verifying it took.</summary>
    /// <param name="registration">The registration name.</param>
    /// <param name="scheme">The scheme name.</param>
    /// <param name="outcome">A <see cref="WebhookOutcomeTags"/> value.</param>
    /// <param name="reason">The signature failure, if that is why.</param>
    /// <param name="elapsed">From the start of reading to the answer, or to the handler.</param>
    internal void Record(string registration, string scheme, string outcome, WebhookFailureReason reason, TimeSpan elapsed)
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
            { "webhook.outcome", outcome },
            { "webhook.failure_reason", reason.ToString() },
        };
        _verifications.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The package's metrics: a counter of verifications and a histogram of their duration, tagged with
/// the registration, the scheme, the outcome and the failure reason.
/// </summary>
public sealed class WebhookSignatureMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "WebhookSignatures.AspNetCore";

    /// <summary>The counter of verifications.</summary>
    public const string VerificationsInstrument = "webhooksig.verifications";

    /// <summary>The histogram of verification durations, in seconds.</summary>
    public const string DurationInstrument = "webhooksig.verification.duration";

    private readonly Counter<long> _verifications;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The application's meter factory.</param>
    public WebhookSignatureMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _verifications = meter.CreateCounter<long>(VerificationsInstrument, "{verification}", "Webhook deliveries verified, by registration, scheme and outcome.");
        _duration = meter.CreateHistogram<double>(DurationInstrument, "s", "Time to read and verify a webhook delivery.");
    }

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

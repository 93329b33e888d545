using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The package's metrics: verifications and their duration, and what exactly-once handling promised each delivery
/// (reservations, settlements, lease renewals and losses, completions not replicated, store call durations), tagged with
/// the registration and the scheme, never with a secret or a delivery's id. Their names are <see cref="WebhookSignatureMeter"/>'s.
/// </summary>
internal sealed class WebhookSignatureMetrics
{
    private const string RegistrationTag = "webhook.registration";
    private const string SchemeTag = "webhook.scheme";

    private readonly Counter<long> _verifications;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _reservations;
    private readonly Counter<long> _settlements;
    private readonly Counter<long> _renewals;
    private readonly Counter<long> _leasesLost;
    private readonly Counter<long> _notReplicated;
    private readonly Histogram<double> _storeDuration;

    public WebhookSignatureMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(WebhookSignatureMeter.Name);
        _verifications = meter.CreateCounter<long>(WebhookSignatureMeter.VerificationsInstrument, "{verification}", "Webhook deliveries verified, by registration, scheme and outcome.");
        _duration = meter.CreateHistogram<double>(WebhookSignatureMeter.DurationInstrument, "s", "Time to read and verify a webhook delivery.");
        _reservations = meter.CreateCounter<long>(WebhookSignatureMeter.ReservationsInstrument, "{reservation}", "What the delivery store answered when asked to reserve a delivery.");
        _settlements = meter.CreateCounter<long>(WebhookSignatureMeter.SettlementsInstrument, "{settlement}", "Reservations completed or released in the delivery store.");
        _renewals = meter.CreateCounter<long>(WebhookSignatureMeter.LeaseRenewalsInstrument, "{renewal}", "Reservation leases renewed while their handler ran.");
        _leasesLost = meter.CreateCounter<long>(WebhookSignatureMeter.LeasesLostInstrument, "{reservation}", "Reservations lost while their handler ran.");
        _notReplicated = meter.CreateCounter<long>(WebhookSignatureMeter.CompletionsNotReplicatedInstrument, "{completion}", "Completions not replicated within the configured wait.");
        _storeDuration = meter.CreateHistogram<double>(WebhookSignatureMeter.StoreOperationDurationInstrument, "s", "Time a delivery store call took.");
    }

    /// <summary>Whether store calls are timed: only while something listens, so an unobserved call costs nothing more.</summary>
    public bool TimesStoreOperations => _storeDuration.Enabled;

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
            { RegistrationTag, registration },
            { SchemeTag, scheme },
            { "webhook.outcome", outcome },
            { "webhook.failure_reason", reason.ToString() },
        };
        _verifications.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Counts the store's answer to a reservation: <c>reserved</c>, <c>duplicate</c>, <c>in_flight</c> or <c>store_unavailable</c>.</summary>
    internal void Reservation(string registration, string scheme, string answer) => Count(_reservations, registration, scheme, "webhook.reservation", answer);

    /// <summary>Counts a settlement the store confirmed: <c>completed</c> or <c>released</c>.</summary>
    internal void Settlement(string registration, string scheme, string settlement) => Count(_settlements, registration, scheme, "webhook.settlement", settlement);

    /// <summary>Counts a lease the store renewed.</summary>
    internal void LeaseRenewed(string registration, string scheme) => Count(_renewals, registration, scheme, null, null);

    /// <summary>Counts a reservation lost while its handler ran: <c>not_held</c>, <c>unanswered</c> or <c>expired</c>.</summary>
    internal void LeaseLost(string registration, string scheme, string reason) => Count(_leasesLost, registration, scheme, "webhook.lease_lost_reason", reason);

    /// <summary>Counts a completion the store did not replicate within the wait configured for it; the handler's 2xx still stands.</summary>
    internal void CompletionNotReplicated(string registration, string scheme) => Count(_notReplicated, registration, scheme, null, null);

    /// <summary>Records how long a store call took; <paramref name="errorType"/> is the exception's type when it threw.</summary>
    internal void StoreOperation(string registration, string scheme, string operation, TimeSpan elapsed, string? errorType)
    {
        if (!_storeDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { RegistrationTag, registration },
            { SchemeTag, scheme },
            { "webhook.store.operation", operation },
        };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _storeDuration.Record(elapsed.TotalSeconds, tags);
    }

    private static void Count(Counter<long> counter, string registration, string scheme, string? name, string? value)
    {
        if (!counter.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { RegistrationTag, registration },
            { SchemeTag, scheme },
        };
        if (name is not null)
        {
            tags.Add(name, value);
        }

        counter.Add(1, tags);
    }
}

using System.Globalization;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// The headers Snyk sends beside the signature: the event, a delivery id and a timestamp. None of them is signed
/// (the <c>X-Hub-Signature</c> covers only the body), so they describe a verified delivery; they do not authenticate it.
/// </summary>
public sealed class SnykDeliveryHeaders
{
    private SnykDeliveryHeaders()
    {
    }

    /// <summary>The event header, <c>name/version</c>.</summary>
    public const string EventHeaderName = SnykSignature.EventHeaderName;

    /// <summary>The delivery id header, a GUID per delivery.</summary>
    public const string TransportIdHeaderName = SnykSignature.DeliveryIdHeaderName;

    /// <summary>The ISO 8601 time the event occurred. Not signed: do not use it for a replay window.</summary>
    public const string TimestampHeaderName = "X-Snyk-Timestamp";

    /// <summary>The parsed <c>X-Snyk-Event</c>, or <see langword="null"/> when it is missing or empty.</summary>
    public SnykEventHeader? Event { get; private init; }

    /// <summary>The <c>X-Snyk-Transport-ID</c>, or <see langword="null"/> when it is missing or not a GUID. Use it to spot redeliveries.</summary>
    public Guid? TransportId { get; private init; }

    /// <summary>
    /// The <c>X-Snyk-Timestamp</c>, or <see langword="null"/> when it is missing or not ISO 8601. It is <b>not signed</b>:
    /// anyone replaying a captured delivery can change it.
    /// </summary>
    public DateTimeOffset? Timestamp { get; private init; }

    /// <summary>Reads the headers of a delivery. Never throws on their values.</summary>
    /// <param name="headers">The delivery's headers.</param>
    public static SnykDeliveryHeaders Read(IWebhookHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new SnykDeliveryHeaders
        {
            Event = SnykEventHeader.TryParse(headers.GetValue(EventHeaderName), out var header) ? header : null,
            TransportId = Guid.TryParse(headers.GetValue(TransportIdHeaderName), out var id) ? id : null,
            Timestamp = DateTimeOffset.TryParse(
                headers.GetValue(TimestampHeaderName),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var time) ? time : null,
        };
    }
}

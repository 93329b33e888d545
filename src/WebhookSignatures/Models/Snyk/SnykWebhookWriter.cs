using System.Globalization;
using System.Text.Json;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// Writes a Snyk model as compact JSON and signs it as Snyk does, for services and tests that send Snyk-style webhooks.
/// </summary>
/// <remarks>
/// Nulls are left out. The encoder is the one <see cref="WebhookSignatures.Models.Infisical.InfisicalWebhookWriter"/> uses
/// (non-ASCII text stays UTF-8, HTML characters are not escaped): valid JSON, and safe because a webhook body is sent as
/// <c>application/json</c>, never embedded in HTML.
/// </remarks>
internal static class SnykWebhookWriter
{
    /// <summary>Serializes an event to compact JSON.</summary>
    /// <param name="snykEvent">The event. A <see cref="SnykUnknownEvent"/> is written from its raw body.</param>
    /// <exception cref="ArgumentException">The event cannot be written.</exception>
    public static byte[] ToJsonBytes(SnykEvent snykEvent)
    {
        ArgumentNullException.ThrowIfNull(snykEvent);
        return snykEvent switch
        {
            SnykPingEvent e => WebhookJson.Serialize(e, SnykJsonContext.Default.SnykPingEvent),
            SnykProjectSnapshotEvent e => WebhookJson.Serialize(e, SnykJsonContext.Default.SnykProjectSnapshotEvent),
            SnykUnknownEvent u when u.Raw.ValueKind != JsonValueKind.Undefined => WebhookJson.Write(u.Raw),
            _ => throw new ArgumentException($"{snykEvent.GetType().Name} cannot be written as a Snyk body.", nameof(snykEvent)),
        };
    }

    /// <summary>
    /// Serializes and signs an event: <c>X-Hub-Signature</c> over the body, plus <c>X-Snyk-Event</c> (from
    /// <see cref="SnykEvent.EventHeader"/>), <c>X-Snyk-Transport-ID</c> and <c>X-Snyk-Timestamp</c>.
    /// </summary>
    /// <param name="snykEvent">The event.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="transportId">The delivery id; a new GUID when <see langword="null"/>.</param>
    /// <param name="timestamp">The event time for <c>X-Snyk-Timestamp</c> (not signed; written in UTC to the second); the scheme's clock when <see langword="null"/>.</param>
    /// <param name="scheme">The hub scheme; <see cref="SnykSignature.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The ring is empty, the event has no name, or it cannot be written.</exception>
    public static SignedWebhook Sign(
        SnykEvent snykEvent, KeyRing keys, Guid? transportId = null, DateTimeOffset? timestamp = null, HubSignature? scheme = null)
    {
        ArgumentNullException.ThrowIfNull(snykEvent);
        if (string.IsNullOrEmpty(snykEvent.EventHeader.Name))
        {
            throw new ArgumentException("The event has no name for X-Snyk-Event.", nameof(snykEvent));
        }

        scheme ??= SnykSignature.Default;
        var signed = scheme.Sign(ToJsonBytes(snykEvent), keys);
        var time = (timestamp ?? scheme.TimeProvider.GetUtcNow()).UtcDateTime;
        signed.Headers.Add(SnykDeliveryHeaders.EventHeaderName, snykEvent.EventHeader.ToString());
        signed.Headers.Add(SnykDeliveryHeaders.TransportIdHeaderName, (transportId ?? Guid.NewGuid()).ToString("D"));
        signed.Headers.Add(SnykDeliveryHeaders.TimestampHeaderName, time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        return signed;
    }
}

using System.Globalization;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Models.Snyk;

/// <summary>Sends Snyk events as Snyk does.</summary>
internal static class SnykWebhookSending
{
    /// <summary>
    /// Writes a Snyk event as compact JSON and posts it with the descriptive headers Snyk sends:
    /// <c>X-Snyk-Event</c>, <c>X-Snyk-Transport-ID</c> (a new GUID) and <c>X-Snyk-Timestamp</c> (not signed).
    /// </summary>
    /// <param name="sender">The sender, whose client signs with the Snyk scheme.</param>
    /// <param name="url">The receiver's URL.</param>
    /// <param name="snykEvent">The Snyk event; its <see cref="SnykEvent.EventHeader"/> names it.</param>
    /// <param name="timestamp">The time for <c>X-Snyk-Timestamp</c>.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The receiver's response; dispose it.</returns>
    public static Task<HttpResponseMessage> SendAsync(this WebhookSender sender, Uri url, SnykEvent snykEvent, DateTimeOffset timestamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(snykEvent);
        var headers = new KeyValuePair<string, string>[]
        {
            new(SnykDeliveryHeaders.EventHeaderName, snykEvent.EventHeader.ToString()),
            new(SnykDeliveryHeaders.TransportIdHeaderName, Guid.NewGuid().ToString("D")),
            new(SnykDeliveryHeaders.TimestampHeaderName, timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };
        return sender.SendAsync(url, SnykWebhookWriter.ToJsonBytes(snykEvent), headers, "application/json", cancellationToken);
    }
}

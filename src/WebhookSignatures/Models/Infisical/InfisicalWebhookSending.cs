using WebhookSignatures.Sending;

namespace WebhookSignatures.Models.Infisical;

/// <summary>Sends Infisical models as Infisical does.</summary>
internal static class InfisicalWebhookSending
{
    /// <summary>
    /// Writes an Infisical model as Infisical does (compact, no <c>timestamp</c>: the Infisical scheme in the client's
    /// signing handler appends it) and posts it.
    /// </summary>
    /// <param name="sender">The sender, whose client signs with the Infisical scheme.</param>
    /// <param name="url">The receiver's URL.</param>
    /// <param name="webhook">The Infisical model.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The receiver's response; dispose it.</returns>
    public static Task<HttpResponseMessage> SendAsync(this WebhookSender sender, Uri url, InfisicalWebhook webhook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return sender.SendAsync(url, InfisicalWebhookWriter.ToJsonBytes(webhook), null, "application/json", cancellationToken);
    }
}

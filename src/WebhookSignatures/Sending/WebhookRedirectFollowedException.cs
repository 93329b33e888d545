namespace WebhookSignatures.Sending;

/// <summary>
/// A handler below the sender followed a redirect, so the signed delivery went to a URL nobody checked. A misconfigured
/// client, not a failed attempt: retry policies and <see cref="WebhookSender.DeliverAsync"/> let it through.
/// </summary>
internal sealed class WebhookRedirectFollowedException(string message) : HttpRequestException(message);

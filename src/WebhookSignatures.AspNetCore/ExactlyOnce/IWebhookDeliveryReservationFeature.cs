namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The reservation held for the delivery whose handler is running, on <c>HttpContext.Features</c> from the moment the
/// delivery store reserved it until the pipeline settles it. A delivery store that completes deliveries in the handler's
/// own database transaction (<c>WebhookSignatures.EntityFrameworkCore</c>) reads it to fence that transaction with the
/// reservation's token, and tells the pipeline when the transaction committed the completion.
/// </summary>
public interface IWebhookDeliveryReservationFeature
{
    /// <summary>The delivery.</summary>
    WebhookDeliveryKey Key { get; }

    /// <summary>The token that holds the reservation; the store completes the delivery only while it still does.</summary>
    string Token { get; }

    /// <summary>How long the completed delivery is remembered, as <see cref="IWebhookDeliveryStore.CompleteAsync"/> is told.</summary>
    TimeSpan TimeToLive { get; }

    /// <summary>Whether a transaction of the handler's has committed the delivery's completion.</summary>
    bool IsCompleted { get; }

    /// <summary>
    /// Records that a transaction of the handler's committed the delivery's completion: the pipeline then neither
    /// completes it again nor releases it, whatever the handler does or answers afterwards.
    /// </summary>
    void MarkCompleted();
}

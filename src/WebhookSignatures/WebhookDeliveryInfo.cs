using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>What a delivery says about itself: its event name and the sender's delivery id, where given.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookDeliveryInfo
{
    /// <summary>Creates the value.</summary>
    /// <param name="eventName">The event name (Infisical: the body's <c>event</c>; Stripe, Standard Webhooks and Infisical alerts: the body's <c>type</c>; Snyk: <c>X-Snyk-Event</c>; GitHub: <c>X-GitHub-Event</c>).</param>
    /// <param name="deliveryId">The sender's id for this delivery (Stripe and Infisical alerts: the body's <c>id</c>; Standard Webhooks: <c>webhook-id</c>; Snyk: <c>X-Snyk-Transport-ID</c>; GitHub: <c>X-GitHub-Delivery</c>; Infisical project webhooks send none).</param>
    public WebhookDeliveryInfo(string? eventName, string? deliveryId)
    {
        EventName = eventName;
        DeliveryId = deliveryId;
    }

    /// <summary>The event name (Infisical: the body's <c>event</c>; Stripe, Standard Webhooks and Infisical alerts: the body's <c>type</c>; Snyk: <c>X-Snyk-Event</c>; GitHub: <c>X-GitHub-Event</c>).</summary>
    public string? EventName { get; }

    /// <summary>The sender's id for this delivery (Stripe and Infisical alerts: the body's <c>id</c>; Standard Webhooks: <c>webhook-id</c>; Snyk: <c>X-Snyk-Transport-ID</c>; GitHub: <c>X-GitHub-Delivery</c>; Infisical project webhooks send none).</summary>
    public string? DeliveryId { get; }
}

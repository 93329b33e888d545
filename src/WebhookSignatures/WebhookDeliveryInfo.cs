using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>What a delivery says about itself: its event name and the sender's delivery id, where given.</summary>
/// <param name="EventName">
/// The event name (Infisical: the body's <c>event</c>; Stripe, Standard Webhooks and Infisical alerts: the body's <c>type</c>;
/// Snyk: <c>X-Snyk-Event</c>; GitHub: <c>X-GitHub-Event</c>).
/// </param>
/// <param name="DeliveryId">
/// The sender's id for this delivery (Stripe and Infisical alerts: the body's <c>id</c>; Standard Webhooks: <c>webhook-id</c>;
/// Snyk: <c>X-Snyk-Transport-ID</c>; GitHub: <c>X-GitHub-Delivery</c>; Infisical project webhooks send none).
/// </param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookDeliveryInfo(string? EventName, string? DeliveryId);

using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>What a delivery says about itself: its event name and the sender's delivery id, where given.</summary>
/// <param name="EventName">The event name (Infisical: the body's <c>event</c>; Snyk: <c>X-Snyk-Event</c>; GitHub: <c>X-GitHub-Event</c>).</param>
/// <param name="DeliveryId">The sender's id for this delivery, such as <c>X-GitHub-Delivery</c> or <c>X-Snyk-Transport-ID</c>.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookDeliveryInfo(string? EventName, string? DeliveryId);

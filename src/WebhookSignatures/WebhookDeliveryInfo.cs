using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>What a delivery says about itself: its event name and the sender's delivery id, where given.</summary>
/// <param name="EventName">
/// The event name (Infisical: the body's <c>event</c>; Stripe, Standard Webhooks and Infisical alerts: the body's <c>type</c>;
/// Snyk: <c>X-Snyk-Event</c>; GitHub: <c>X-GitHub-Event</c>; Slack: an Events API body's <c>type</c>; Zoom: the body's
/// <c>event</c>; Paddle: the body's <c>event_type</c>; Twitch: <c>Twitch-Eventsub-Subscription-Type</c>). Header values
/// are not signed.
/// </param>
/// <param name="DeliveryId">
/// The sender's id for this delivery (Stripe and Infisical alerts: the body's <c>id</c>; Standard Webhooks: <c>webhook-id</c>;
/// Snyk: <c>X-Snyk-Transport-ID</c> and GitHub: <c>X-GitHub-Delivery</c>, both unsigned; Slack: the body's <c>event_id</c>;
/// Paddle: the body's <c>event_id</c>; Twitch: the signed <c>Twitch-Eventsub-Message-Id</c>; Infisical project webhooks and
/// Zoom send none).
/// </param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookDeliveryInfo(string? EventName, string? DeliveryId);

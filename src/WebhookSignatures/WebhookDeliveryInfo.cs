using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>
/// What a delivery says about itself: its event name and the sender's delivery id, where the sender gives them (each
/// scheme's <see cref="WebhookScheme.DescribeDelivery"/> says where it reads them). Values read from headers are not
/// signed: they describe a verified delivery, they never authenticate one.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookDeliveryInfo
{
    /// <summary>Creates the value.</summary>
    /// <param name="eventName">The event name, such as Stripe's <c>invoice.paid</c> or Snyk's <c>ping/v0</c>.</param>
    /// <param name="deliveryId">The sender's id for this delivery, such as Standard Webhooks' <c>webhook-id</c>.</param>
    public WebhookDeliveryInfo(string? eventName, string? deliveryId)
    {
        EventName = eventName;
        DeliveryId = deliveryId;
    }

    /// <summary>The event name, or <see langword="null"/> when the sender sends none.</summary>
    public string? EventName { get; }

    /// <summary>The sender's id for this delivery, or <see langword="null"/> when the sender sends none.</summary>
    public string? DeliveryId { get; }
}

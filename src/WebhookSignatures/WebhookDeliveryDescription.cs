using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>
/// What a verified delivery says about itself, for logs and handlers: its event name and the sender's id for it, where
/// the sender gives them, each marked signed or not. An unsigned value (a header such as <c>X-GitHub-Event</c>) is
/// whatever the request carried: it describes a verified delivery, it never authenticates one.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookDeliveryDescription
{
    /// <summary>Creates the value.</summary>
    /// <param name="eventName">The event name, such as Stripe's <c>invoice.paid</c> or Snyk's <c>ping/v0</c>.</param>
    /// <param name="eventNameSigned">Whether the signature covers <paramref name="eventName"/> (it is read from the signed body).</param>
    /// <param name="deliveryId">The sender's id for this delivery, such as Standard Webhooks' <c>webhook-id</c>.</param>
    /// <param name="deliveryIdSigned">Whether the signature covers <paramref name="deliveryId"/>.</param>
    public WebhookDeliveryDescription(string? eventName, bool eventNameSigned, string? deliveryId, bool deliveryIdSigned)
    {
        EventName = eventName;
        IsEventNameSigned = eventName is not null && eventNameSigned;
        DeliveryId = deliveryId;
        IsDeliveryIdSigned = deliveryId is not null && deliveryIdSigned;
    }

    /// <summary>The event name, or <see langword="null"/> when the sender sends none.</summary>
    public string? EventName { get; }

    /// <summary>Whether the signature covers <see cref="EventName"/>; false for a header the sender does not sign.</summary>
    public bool IsEventNameSigned { get; }

    /// <summary>The sender's id for this delivery, or <see langword="null"/> when the sender sends none.</summary>
    public string? DeliveryId { get; }

    /// <summary>Whether the signature covers <see cref="DeliveryId"/>; false for a header the sender does not sign.</summary>
    public bool IsDeliveryIdSigned { get; }
}

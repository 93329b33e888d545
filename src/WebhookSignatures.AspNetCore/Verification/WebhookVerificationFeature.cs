namespace WebhookSignatures.AspNetCore;

/// <summary>The feature set on a request whose signature verified.</summary>
internal sealed class WebhookVerificationFeature(
    string registrationName,
    WebhookScheme scheme,
    ReadOnlyMemory<byte> body,
    WebhookVerificationResult result,
    WebhookDeliveryDescription delivery,
    WebhookDeliveryReservation? reservation) : IWebhookVerificationFeature
{
    public string RegistrationName { get; } = registrationName;

    public WebhookScheme Scheme { get; } = scheme;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public WebhookVerificationResult Result { get; } = result;

    public string? EventName => delivery.EventName;

    public string? DeliveryId => delivery.DeliveryId;

    public CancellationToken ReservationLost => reservation?.ReservationLost ?? CancellationToken.None;
}

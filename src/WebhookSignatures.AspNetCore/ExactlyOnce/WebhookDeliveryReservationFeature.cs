namespace WebhookSignatures.AspNetCore;

/// <summary>The feature the pipeline sets for a confirmed reservation while its handler runs.</summary>
internal sealed class WebhookDeliveryReservationFeature(WebhookDeliveryReservation reservation) : IWebhookDeliveryReservationFeature
{
    public WebhookDeliveryKey Key => reservation.Key;

    public string Token => reservation.Token;

    public TimeSpan TimeToLive => reservation.TimeToLive;

    public bool IsCompleted => reservation.IsCompletedByHandler;

    public void MarkCompleted() => reservation.MarkCompletedByHandler();
}

namespace WebhookSignatures.AspNetCore;

/// <summary>What verification decided for a request: whether the handler may run, and the reservation to settle after it.</summary>
/// <param name="Admitted">Whether the handler may run; when not, the response has been written.</param>
/// <param name="Reservation">The delivery's reservation, when exactly-once handling is on and the store answered.</param>
internal readonly record struct WebhookAdmission(bool Admitted, WebhookDeliveryReservation? Reservation)
{
    public static WebhookAdmission Refused => default;
}

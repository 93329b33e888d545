namespace WebhookSignatures.AspNetCore;

/// <summary>What asking the store to reserve a delivery came to.</summary>
/// <param name="Key">The delivery.</param>
/// <param name="Outcome">What the store answered; <see langword="null"/> when it threw.</param>
/// <param name="Reservation">
/// The reservation to settle: confirmed when the store answered <see cref="WebhookReservationOutcome.Reserved"/>,
/// unconfirmed when it threw (the reservation may still land), none otherwise.
/// </param>
/// <param name="Failure">Why the store did not answer.</param>
internal readonly record struct WebhookReservationAttempt(WebhookDeliveryKey Key, WebhookReservationOutcome? Outcome, WebhookDeliveryReservation? Reservation, Exception? Failure);

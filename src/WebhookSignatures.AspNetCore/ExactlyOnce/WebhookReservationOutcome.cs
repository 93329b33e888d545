namespace WebhookSignatures.AspNetCore;

/// <summary>What <see cref="IWebhookDeliveryStore.TryReserveAsync"/> found.</summary>
public enum WebhookReservationOutcome
{
    /// <summary>The delivery was not held: it is now reserved for the caller, whose handler runs.</summary>
    Reserved = 0,

    /// <summary>Another request holds a reservation: the duplicate is told to retry later.</summary>
    InFlight = 1,

    /// <summary>The delivery was handled: the duplicate is acknowledged without running the handler.</summary>
    Completed = 2,
}

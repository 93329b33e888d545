namespace WebhookSignatures.AspNetCore;

/// <summary>Settings of the built-in in-memory delivery store.</summary>
public sealed class WebhookMemoryDeliveryStoreOptions
{
    /// <summary>
    /// The most deliveries (reserved or completed, not yet expired) remembered for each registration. When a
    /// registration's share is full, its new deliveries are refused as if the store were unreachable (fail closed);
    /// other registrations are not affected. Default 100 000.
    /// </summary>
    public int CapacityPerRegistration { get; set; } = 100_000;
}

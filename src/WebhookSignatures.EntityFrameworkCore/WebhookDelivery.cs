namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>
/// One delivery as the delivery store keeps it in the application's database: reserved by a token until its lease
/// ends, or completed (by the token whose handler's transaction completed it) until its time to live ends. Add it to a
/// model with <c>modelBuilder.AddWebhookDeliveries()</c>; the store reads and writes it with statements of its own.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The registration that verified the delivery.</summary>
    public string RegistrationName { get; set; } = string.Empty;

    /// <summary>The delivery's identity from signed material, as <c>id:&lt;hex&gt;</c> or <c>content:&lt;hex&gt;</c>; not secret.</summary>
    public string DeliveryId { get; set; } = string.Empty;

    /// <summary>The token of the request that reserved the delivery, or that completed it.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Whether the delivery is completed (its handler's work committed), rather than reserved.</summary>
    public bool IsCompleted { get; set; }

    /// <summary>When the lease or the time to live ends, in Unix milliseconds on the database's clock.</summary>
    public long ExpiresAt { get; set; }
}

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// What the verification of the current request found, set on <c>HttpContext.Features</c> once the
/// signature passed. Read it with <c>HttpContext.GetWebhookVerification()</c>.
/// </summary>
/// <remarks>
/// <see cref="Body"/> refers to a pooled buffer that is cleared and goes back to the pool when the request ends;
/// reading it afterwards throws <see cref="ObjectDisposedException"/>. Copy it if it must outlive the request.
/// </remarks>
public interface IWebhookVerificationFeature
{
    /// <summary>The registration that verified the request.</summary>
    string RegistrationName { get; }

    /// <summary>The scheme that verified the request.</summary>
    WebhookScheme Scheme { get; }

    /// <summary>The verified body, byte for byte as received, without a copy.</summary>
    ReadOnlyMemory<byte> Body { get; }

    /// <summary>
    /// The verification result: <c>MatchedKeyIndex</c> (0 = the current secret, 1 = the previous one, …), the signed
    /// <c>Timestamp</c> when the scheme signs one, and the digest.
    /// </summary>
    WebhookVerificationResult Result { get; }

    /// <summary>The event name the delivery carries, if any.</summary>
    string? EventName { get; }

    /// <summary>The sender's delivery id, if it sends one. Informational: it is not necessarily signed.</summary>
    string? DeliveryId { get; }

    /// <summary>
    /// Fires when the delivery's reservation is lost while the handler runs: another attempt holds the delivery, or the
    /// store did not answer a renewal within the lease (or, with a store that does not renew leases, the lease ran out).
    /// The sender's retry may then run the handler again, so a handler with effects still to make can stop, or make
    /// them idempotent. Never fires without a reservation (exactly-once handling off, or the store unavailable with
    /// <c>AllowWhenStoreUnavailable</c>), nor once the handler has returned. It is not the request's
    /// <c>RequestAborted</c>; link the two when either should stop the work.
    /// </summary>
    CancellationToken ReservationLost { get; }
}

using System.Buffers;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// What the verification of the current request found, set on <c>HttpContext.Features</c> once the
/// signature passed. Read it with <c>HttpContext.GetWebhookVerification()</c>.
/// </summary>
/// <remarks>
/// <see cref="Body"/> refers to a pooled buffer that goes back to the pool when the request ends:
/// copy it if it must outlive the request.
/// </remarks>
public interface IWebhookVerificationFeature
{
    /// <summary>The registration that verified the request.</summary>
    string RegistrationName { get; }

    /// <summary>The scheme that verified the request.</summary>
    WebhookScheme Scheme { get; }

    /// <summary>The verified body, byte for byte as received, without a copy.</summary>
    ReadOnlyMemory<byte> Body { get; }

    /// <summary>The verified body as a sequence, without a copy.</summary>
    ReadOnlySequence<byte> BodySequence { get; }

    /// <summary>The verification result: matched key, signed timestamp and digest.</summary>
    WebhookVerificationResult Result { get; }

    /// <summary>The position of the secret that matched (0 = current, 1 = the previous one, …).</summary>
    int MatchedKeyIndex { get; }

    /// <summary>The signed timestamp, when the scheme signs one.</summary>
    DateTimeOffset? Timestamp { get; }

    /// <summary>The event name the delivery carries, if any.</summary>
    string? EventName { get; }

    /// <summary>The sender's delivery id, if it sends one. Informational: it is not necessarily signed.</summary>
    string? DeliveryId { get; }
}

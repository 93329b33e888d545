namespace WebhookSignatures.Sending;

/// <summary>
/// A later attempt of a delivery was not sent: the scheme identifies a delivery by what its signature covers, signed
/// time included (Infisical, HubSpot, Zoom, Discord and the others without a signed delivery id), so a re-signed attempt
/// would be a new delivery to the receiver, and the first attempt's identical bytes would no longer arrive inside the
/// receiver's window (<see cref="Tolerance"/> after <see cref="SignedAt"/>).
/// </summary>
/// <remarks>
/// Nothing was sent for this attempt, and retries stop: sending the delivery again as a new one (a new signed time, and
/// a handler that may run twice at the receiver) is the caller's decision, not a retry's.
/// <see cref="WebhookSender.DeliverAsync"/> reports it as <see cref="WebhookDeliveryOutcome.ResendRefused"/>.
/// </remarks>
public sealed class WebhookResendRefusedException : HttpRequestException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public WebhookResendRefusedException()
        : this("A later attempt of the webhook delivery was not sent: it would reach the receiver outside its window, and a re-signed one would be a new delivery.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was refused and why.</param>
    public WebhookResendRefusedException(string? message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was refused and why.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookResendRefusedException(string? message, Exception? innerException)
        : base(message, innerException)
    {
        SchemeName = string.Empty;
    }

    internal WebhookResendRefusedException(string schemeName, DateTimeOffset signedAt, TimeSpan tolerance, int attempt)
        : base(
            $"Attempt {attempt} of the webhook delivery was not sent. The '{schemeName}' scheme identifies a delivery by what its signature covers, " +
            $"signed time included, so a re-signed attempt would be a new delivery to the receiver; and the first attempt, signed at {signedAt:u}, " +
            $"would no longer arrive inside the receiver's window of {tolerance.TotalSeconds:0.###} s. Send it as a new delivery if that is meant.")
    {
        SchemeName = schemeName;
        SignedAt = signedAt;
        Tolerance = tolerance;
        Attempt = attempt;
    }

    /// <summary>The scheme that signed the delivery.</summary>
    public string SchemeName { get; }

    /// <summary>The time the first attempt signed.</summary>
    public DateTimeOffset SignedAt { get; }

    /// <summary>The receiver's window as the sender's scheme states it (<see cref="WebhookScheme.Tolerance"/>).</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>The attempt that was not sent, from 1.</summary>
    public int Attempt { get; }
}

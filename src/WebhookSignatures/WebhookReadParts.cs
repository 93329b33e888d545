namespace WebhookSignatures;

/// <summary>
/// What a verification reads besides its result. Each part costs work (a hash of what the MAC covered, strings for the
/// description, a reply), so a bare <see cref="WebhookScheme.Verify"/> reads none and stays allocation-free; a receiver
/// asks for what it uses. Every part is read from a delivery that verified, and is empty otherwise.
/// </summary>
[Flags]
public enum WebhookReadParts
{
    /// <summary>The result only: valid or the reason, the matched key and the signed time.</summary>
    None = 0,

    /// <summary>The delivery's identity for exactly-once handling (<see cref="WebhookVerificationResult.Identity"/>).</summary>
    Identity = 1,

    /// <summary>The event name and the sender's delivery id (<see cref="WebhookVerificationResult.Description"/>).</summary>
    Description = 2,

    /// <summary>The answer to a sender's handshake (<see cref="WebhookVerificationResult.Handshake"/>).</summary>
    Handshake = 4,

    /// <summary>Every part.</summary>
    All = Identity | Description | Handshake,
}

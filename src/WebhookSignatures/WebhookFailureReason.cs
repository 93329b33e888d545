namespace WebhookSignatures;

/// <summary>
/// Why a webhook delivery failed verification. The member names are stable: they appear in logs,
/// metrics and the <c>webhooksig</c> tool's JSON output.
/// </summary>
public enum WebhookFailureReason
{
    /// <summary>The delivery verified; there is no failure.</summary>
    None = 0,

    /// <summary>A header the scheme needs is absent or empty.</summary>
    MissingSignature,

    /// <summary>A signature header is present but does not follow the scheme's format.</summary>
    MalformedSignature,

    /// <summary>The signature names an algorithm or version this scheme does not accept (for example <c>sha1=</c>).</summary>
    UnsupportedAlgorithm,

    /// <summary>No configured secret produces the signature that was received.</summary>
    SignatureMismatch,

    /// <summary>The signed timestamp is older than the tolerance allows.</summary>
    TimestampTooOld,

    /// <summary>The signed timestamp lies further in the future than the tolerance allows.</summary>
    TimestampTooNew,

    /// <summary>
    /// The timestamp in the header is not the one covered by the signature, or the signed content lacks the timestamp
    /// the scheme requires (Linear's body <c>webhookTimestamp</c>).
    /// </summary>
    TimestampNotSigned,

    /// <summary>No secret is configured; verification always fails closed.</summary>
    NoSecrets,

    /// <summary>
    /// The result was never produced by a scheme (<c>default(WebhookVerificationResult)</c>): it fails closed, whatever
    /// a custom scheme meant by it.
    /// </summary>
    NotVerified,

    /// <summary>
    /// The scheme signs the request line (the HTTP method and the URL the sender called, as Twilio, HubSpot and Square
    /// do) and the verification was given no <see cref="WebhookRequestTarget"/>: it fails closed.
    /// </summary>
    MissingRequestUrl,
}

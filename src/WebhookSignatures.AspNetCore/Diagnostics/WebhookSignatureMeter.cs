namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The names to listen for: the meter and its instruments. <see cref="VerificationsInstrument"/> counts deliveries and
/// <see cref="DurationInstrument"/> records how long reading and verifying took, both tagged <c>webhook.registration</c>,
/// <c>webhook.scheme</c>, <c>webhook.outcome</c> and <c>webhook.failure_reason</c>.
/// </summary>
public static class WebhookSignatureMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "WebhookSignatures.AspNetCore";

    /// <summary>The counter of verifications.</summary>
    public const string VerificationsInstrument = "webhooksig.verifications";

    /// <summary>The histogram of verification durations, in seconds.</summary>
    public const string DurationInstrument = "webhooksig.verification.duration";
}

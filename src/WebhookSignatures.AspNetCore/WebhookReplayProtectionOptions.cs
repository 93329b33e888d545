namespace WebhookSignatures.AspNetCore;

/// <summary>
/// How a registration refuses a delivery it has already accepted. Deliveries are recognised by what was
/// signed (the matched digest and the signed timestamp), never by unsigned headers such as a delivery id.
/// </summary>
public class WebhookReplayProtectionOptions
{
    /// <summary>The default <see cref="TimeToLive"/>: one day.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(1);

    /// <summary>Whether accepted deliveries are remembered and repeats refused. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a delivery is remembered for schemes that sign no timestamp (Snyk, GitHub). Schemes that
    /// sign one remember it until the signed timestamp leaves the tolerance window. Default one day.
    /// </summary>
    public TimeSpan TimeToLive { get; set; } = DefaultTimeToLive;

    /// <summary>
    /// Whether a delivery is accepted when the replay cache cannot be reached. Default <see langword="false"/>:
    /// such deliveries get <see cref="WebhookSignatureOptions.ReplayCacheUnavailableStatusCode"/>. Either way it is logged.
    /// </summary>
    public bool AllowWhenCacheUnavailable { get; set; }
}

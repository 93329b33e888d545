namespace WebhookSignatures.AspNetCore;

/// <summary>
/// One signed delivery as the in-memory replay cache holds it: by value, so remembering a delivery
/// allocates no key object and the collector has nothing per entry to trace.
/// </summary>
/// <param name="Scope">The registration name; or a whole key given as text through <see cref="IWebhookReplayCache"/>.</param>
/// <param name="Digest">The matched MAC; empty for a key given as text.</param>
/// <param name="TimestampUnixMs">The signed timestamp, when the scheme signs one.</param>
internal readonly record struct ReplayCacheKey(string Scope, WebhookDigest Digest, long? TimestampUnixMs)
{
    /// <summary>The key of an accepted delivery.</summary>
    public static ReplayCacheKey For(string registrationName, WebhookVerificationResult result) =>
        new(registrationName, result.Digest, result.TimestampUnixMs);

    /// <summary>A key given as text; never equal to a delivery's key, whose digest is never empty.</summary>
    public static ReplayCacheKey FromText(string key) => new(key, default, null);
}

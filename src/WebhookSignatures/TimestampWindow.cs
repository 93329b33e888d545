namespace WebhookSignatures;

/// <summary>The two-sided replay window around the verifier's clock.</summary>
internal static class TimestampWindow
{
    /// <summary>
    /// Checks a signed timestamp against now ± tolerance. Exactly at either edge passes; 1 ms beyond fails.
    /// </summary>
    public static WebhookFailureReason Check(long timestampUnixMs, TimeProvider clock, TimeSpan tolerance)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var toleranceMs = (long)tolerance.TotalMilliseconds;

        // Subtraction in 128 bits cannot overflow, whatever a sender claims.
        var age = (Int128)now - timestampUnixMs;
        if (age > toleranceMs)
        {
            return WebhookFailureReason.TimestampTooOld;
        }

        return -age > toleranceMs ? WebhookFailureReason.TimestampTooNew : WebhookFailureReason.None;
    }
}

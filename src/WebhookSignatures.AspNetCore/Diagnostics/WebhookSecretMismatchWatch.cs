using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Notices a registration whose secret is most likely wrong: one that refused <see cref="Threshold"/> deliveries in a
/// row as <see cref="WebhookFailureReason.SignatureMismatch"/> and accepted none. Tampering is rare and scattered; a
/// wrong secret refuses everything. Says so in one log line, at most once per registration per <see cref="Interval"/>
/// on the application's clock, so a flood of forgeries cannot flood the log. Any accepted delivery starts the count again.
/// </summary>
internal sealed class WebhookSecretMismatchWatch(TimeProvider time, ILogger<WebhookDeliveryPipeline> logger)
{
    /// <summary>Mismatches in a row, none accepted, after which the secret is suspected.</summary>
    public const int Threshold = 10;

    /// <summary>The least time between two such lines for one registration.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    // One entry per registration name, which the application's code fixes: the dictionary never grows with requests.
    private readonly ConcurrentDictionary<string, Streak> _streaks = new(StringComparer.Ordinal);

    /// <summary>Counts a refusal; only a mismatch counts (a stale timestamp or a missing header says nothing of the secret).</summary>
    public void Refused(string registration, string scheme, WebhookFailureReason reason)
    {
        if (reason != WebhookFailureReason.SignatureMismatch)
        {
            return;
        }

        var streak = _streaks.GetOrAdd(registration, static _ => new Streak());
        var count = Interlocked.Increment(ref streak.Count);
        if (count < Threshold)
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        var last = Volatile.Read(ref streak.LoggedAt);
        if ((last != 0 && now - last < Interval.Ticks) || Interlocked.CompareExchange(ref streak.LoggedAt, now, last) != last)
        {
            return;
        }

        WebhookSignatureLog.SecretLikelyWrong(logger, registration, scheme, count);
    }

    /// <summary>An accepted delivery: the secret works, the count starts again.</summary>
    public void Accepted(string registration)
    {
        if (_streaks.TryGetValue(registration, out var streak) && Volatile.Read(ref streak.Count) != 0)
        {
            Volatile.Write(ref streak.Count, 0);
        }
    }

    private sealed class Streak
    {
        public int Count;
        public long LoggedAt;
    }
}

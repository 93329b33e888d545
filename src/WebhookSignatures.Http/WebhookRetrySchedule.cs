using System.Globalization;

namespace WebhookSignatures.Http;

/// <summary>
/// When a delivery's attempts are made: the first immediately, each later one a delay after the previous attempt
/// failed, each delay varied by up to <see cref="Jitter"/> either way so that many failed deliveries do not come back
/// at the same instant.
/// </summary>
/// <remarks>
/// The schedule runs in the sending process: the waits are timers, and a process that stops loses the deliveries that
/// are waiting (see <see cref="WebhookRetryOptions"/>). Long schedules such as <see cref="StandardWebhooks"/> suit
/// long-running workers that drain before they stop.
/// </remarks>
public sealed class WebhookRetrySchedule
{
    /// <summary>How much each delay varies by default: up to 20% either way.</summary>
    public const double DefaultJitter = 0.2;

    /// <summary>Creates a schedule.</summary>
    /// <param name="delays">The wait before each retry, after the previous attempt failed; empty for one attempt only.</param>
    /// <param name="jitter">How much each delay varies either way, as a fraction from 0 (exact) to 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A delay is negative, or the jitter is outside 0 to 1.</exception>
    public WebhookRetrySchedule(IEnumerable<TimeSpan> delays, double jitter = DefaultJitter)
    {
        ArgumentNullException.ThrowIfNull(delays);
        if (double.IsNaN(jitter) || jitter is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "The jitter is a fraction from 0 to 1.");
        }

        Delays = [.. delays];
        foreach (var delay in Delays)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(delays));
        }

        Jitter = jitter;
    }

    /// <summary>
    /// The in-process default: immediately, then 5 seconds, 30 seconds and 2 minutes after each failure (4 attempts over
    /// about 2.5 minutes), with the default jitter.
    /// </summary>
    public static WebhookRetrySchedule Default { get; } = new([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)]);

    /// <summary>
    /// The Standard Webhooks specification's example: immediately, then 5 seconds, 5 minutes, 30 minutes, 2 hours,
    /// 5 hours, 10 hours, 14 hours, 20 hours and 24 hours after each failure (10 attempts over about 3 days), with the
    /// default jitter. For workers that run that long.
    /// </summary>
    public static WebhookRetrySchedule StandardWebhooks { get; } = new(
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ]);

    /// <summary>The wait before each retry, after the previous attempt failed.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>How much each delay varies either way, as a fraction: 0.2 makes a 5-second delay 4 to 6 seconds.</summary>
    public double Jitter { get; }

    /// <summary>How many attempts a delivery gets: the first and one per delay.</summary>
    public int MaxAttempts => Delays.Count + 1;

    /// <summary>The longest the waits can add up to, every delay at its most jitter.</summary>
    public TimeSpan MaxTotalDelay => Delays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + Longest(delay));

    /// <inheritdoc />
    /// <remarks>Such as <c>immediately, 5 s, 30 s, 2 min (±20%)</c>.</remarks>
    public override string ToString() =>
        string.Join(", ", Delays.Select(Format).Prepend("immediately"))
        + (Jitter > 0 ? string.Create(CultureInfo.InvariantCulture, $" (±{Jitter * 100:0.#}%)") : string.Empty);

    /// <summary>The wait before retry <paramref name="retry"/> (from 0), varied by <paramref name="random"/> (0 to 1).</summary>
    internal TimeSpan GetDelay(int retry, double random) =>
        Delays[retry] * (1 + (Jitter * ((2 * random) - 1)));

    /// <summary>The longest a delay can be with jitter.</summary>
    internal TimeSpan Longest(TimeSpan delay) => delay * (1 + Jitter);

    private static string Format(TimeSpan delay) => delay switch
    {
        { TotalHours: >= 1 } when delay.TotalHours % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalHours:0} h"),
        { TotalMinutes: >= 1 } when delay.TotalMinutes % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalMinutes:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalSeconds:0.###} s"),
    };
}

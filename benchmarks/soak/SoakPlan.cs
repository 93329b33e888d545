namespace WebhookSignatures.Soak;

/// <summary>What to drive, for how long, when to take Redis away, and how the sender and the application behave.</summary>
/// <param name="Targets">The two <c>listen</c> receivers, sent to alternately.</param>
/// <param name="ApplicationPort">Where the counting application listens (the receivers forward to it).</param>
/// <param name="Scheme"><c>standard-webhooks</c> (a retry is re-signed under the same id) or <c>github</c> (a retry is the same bytes).</param>
/// <param name="Secret">The receivers' secret.</param>
/// <param name="Duration">How long new deliveries are sent; retries and duplicates go on after it, up to <see cref="DrainLimit"/>.</param>
/// <param name="OutageAt">When Redis is killed.</param>
/// <param name="OutageLength">How long Redis stays down.</param>
/// <param name="StopRedis">The shell command that kills Redis.</param>
/// <param name="StartRedis">The shell command that starts it again.</param>
public sealed record SoakPlan(
    IReadOnlyList<Uri> Targets,
    int ApplicationPort,
    string Scheme,
    string Secret,
    TimeSpan Duration,
    TimeSpan OutageAt,
    TimeSpan OutageLength,
    string StopRedis,
    string StartRedis)
{
    /// <summary>How many senders send new deliveries at once.</summary>
    public int Senders { get; init; } = 4;

    /// <summary>
    /// Whether the outage is a failover (the primary killed, a replica promoted): deliveries may then be acknowledged
    /// during it, once the replica is promoted, so "answered 503 throughout" is not required.
    /// </summary>
    public bool Failover { get; init; }

    /// <summary>The fraction of deliveries whose first run in the application fails with 500.</summary>
    public double FailFirstRuns { get; init; } = 0.10;

    /// <summary>The fraction of acknowledged deliveries sent again once or twice, as a sender does when it loses the answer.</summary>
    public double DuplicateAfterSuccess { get; init; } = 0.20;

    /// <summary>The fraction of deliveries sent to both receivers at the same moment.</summary>
    public double ConcurrentDuplicate { get; init; } = 0.05;

    /// <summary>The most attempts one send (a delivery or one of its duplicates) makes before the sender gives up.</summary>
    public int MaxAttempts { get; init; } = 50;

    /// <summary>The longest pause between two attempts; a 409's Retry-After (ten seconds) is honoured up to this.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long retries may go on after <see cref="Duration"/>: longer than the receivers' lease (two minutes), since a
    /// reservation whose settlement was lost when Redis died holds until its lease ends.
    /// </summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>The receivers' reservation lease (<c>listen</c> keeps the library's default).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);
}

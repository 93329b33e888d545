namespace WebhookSignatures.Soak;

/// <summary>
/// What to drive, for how long, when to take Redis (or, with <see cref="KillReceiver"/>, receiver A) away, and how the
/// sender and the application behave.
/// </summary>
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
    /// <summary>The receivers' lease when run.sh does not set one: the library's default with a store that renews.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(30);

    /// <summary>How many senders send new deliveries at once.</summary>
    public int Senders { get; init; } = 4;

    /// <summary>
    /// The longest a handler run takes (each takes from none up to this): a few milliseconds, so that a duplicate sent at
    /// the same moment finds the delivery in flight; longer in a kill run, so that the kill finds handlers running.
    /// </summary>
    public TimeSpan HandlerWork { get; init; } = TimeSpan.FromMilliseconds(6);

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
    /// How long retries may go on after <see cref="Duration"/>: longer than the receivers' lease, since a reservation
    /// whose settlement was lost when Redis or its receiver died holds until its lease ends.
    /// </summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>The receivers' reservation lease (<c>listen --lease</c>, or the library's default).</summary>
    public TimeSpan Lease { get; init; } = DefaultLease;

    /// <summary>The shell command that kills receiver A with SIGKILL; when set, it is the fault instead of Redis' outage.</summary>
    public string? KillReceiver { get; init; }

    /// <summary>The shell command that starts receiver A again and returns once it answers.</summary>
    public string? RestartReceiver { get; init; }

    /// <summary>Whether the fault is a receiver killed (Redis stays up) rather than Redis.</summary>
    public bool KillsReceiver => KillReceiver is not null;
}

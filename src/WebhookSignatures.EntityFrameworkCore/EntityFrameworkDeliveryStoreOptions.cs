namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>The EF Core delivery store's options: <c>AddEntityFrameworkDeliveryStore&lt;TContext&gt;(o => …)</c>.</summary>
public sealed class EntityFrameworkDeliveryStoreOptions
{
    /// <summary>The default <see cref="OperationTimeout"/>: five seconds.</summary>
    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default <see cref="CleanupInterval"/>: five minutes.</summary>
    public static readonly TimeSpan DefaultCleanupInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a reservation, renewal, completion or release may take before the store gives up and the request gets
    /// 503 (the sender retries). Default five seconds.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = DefaultOperationTimeout;

    /// <summary>How often expired rows are deleted. Default five minutes; <see cref="TimeSpan.Zero"/> turns the cleanup off.</summary>
    public TimeSpan CleanupInterval { get; set; } = DefaultCleanupInterval;

    /// <summary>At most this many rows are deleted by one statement of the cleanup, which repeats until none is left. Default 1000.</summary>
    public int CleanupBatchSize { get; set; } = 1000;

    /// <summary>
    /// PostgreSQL only: a reservation commits without waiting for its write-ahead log to reach the disk
    /// (<c>synchronous_commit = off</c> for that one transaction). A reservation lost when PostgreSQL crashes is then
    /// safe for work committed through the handler's <c>DbContext</c>, whose completion is fenced by the reservation's
    /// token: another holder's commit fails its fence. A handler that writes nothing to the database may run twice
    /// after such a crash. Default <see langword="false"/>.
    /// </summary>
    public bool ReserveWithoutWaitingForDisk { get; set; }

    /// <summary>
    /// Whether the store prepares its statements on each connection the first time it runs them there, so the database
    /// parses and plans them once per connection instead of once per delivery (Npgsql keeps prepared statements while
    /// the pool reuses the connection); a connection that cannot prepare (Npgsql's multiplexing) runs them unprepared.
    /// Turn it off behind a connection pooler that does not carry prepared statements across transactions, such as
    /// PgBouncer in transaction mode before 1.21. Default <see langword="true"/>.
    /// </summary>
    public bool PrepareStatements { get; set; } = true;

    /// <summary>Milliseconds added to the database's clock; zero but in tests, which move time with it.</summary>
    internal long ClockShift { get; set; }
}

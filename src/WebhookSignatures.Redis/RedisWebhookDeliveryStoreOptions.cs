namespace WebhookSignatures.Redis;

/// <summary>
/// How the Redis delivery store connects: set with
/// <c>services.AddWebhookSignatures().AddRedisDeliveryStore(options =&gt; …)</c>.
/// </summary>
public sealed class RedisWebhookDeliveryStoreOptions
{
    /// <summary>
    /// The StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c> or
    /// <c>redis.internal:6380,ssl=true,password=…</c>. The store then opens and owns one connection for the
    /// application. When <see langword="null"/> or empty, the store uses the <c>IConnectionMultiplexer</c>
    /// registered in the application's services instead (with that connection's own timeouts).
    /// </summary>
    /// <remarks>
    /// <see cref="ConnectTimeout"/> and <see cref="OperationTimeout"/> replace any timeouts written in the string,
    /// and the connection keeps retrying in the background after a failure, so it recovers by itself when Redis
    /// comes back. The password never appears in the store's messages.
    /// </remarks>
    public string? Configuration { get; set; }

    /// <summary>
    /// What every key starts with; the rest is the delivery key (<c>&lt;registration&gt;:id:&lt;hex&gt;</c> or
    /// <c>&lt;registration&gt;:content:&lt;hex&gt;</c>). Defaults to <c>webhooksig:</c>. Applications sharing one Redis
    /// give each its own prefix.
    /// </summary>
    public string KeyPrefix { get; set; } = "webhooksig:";

    /// <summary>
    /// How long connecting to Redis may take before the attempt counts as failed; defaults to one second.
    /// Applies to the connection the store opens from <see cref="Configuration"/>.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one Redis command may take, including the time it waits for a connection that is down, before it
    /// fails with an exception (the request then gets 503); defaults to one second. Applies to the connection the
    /// store opens from <see cref="Configuration"/>.
    /// </summary>
    /// <remarks>
    /// The start-up check and the health check wait <see cref="ConnectTimeout"/> plus this plus a second for a
    /// <c>PING</c>, on any connection.
    /// </remarks>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);
}

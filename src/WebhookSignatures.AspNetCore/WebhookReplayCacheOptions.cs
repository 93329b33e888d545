namespace WebhookSignatures.AspNetCore;

/// <summary>Settings of the built-in replay caches, shared by all registrations.</summary>
public sealed class WebhookReplayCacheOptions
{
    /// <summary>
    /// A prefix for every key the distributed cache stores, so several applications can share one cache.
    /// Default <c>webhooksig:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "webhooksig:";

    /// <summary>
    /// The most deliveries the in-memory cache remembers. When it is full of unexpired entries, new
    /// deliveries are refused as if the cache were unreachable (fail closed). Default 100 000.
    /// </summary>
    public int MemoryCapacity { get; set; } = 100_000;
}

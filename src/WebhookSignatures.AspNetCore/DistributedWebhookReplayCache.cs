using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A replay cache over <see cref="IDistributedCache"/> (Redis, SQL Server, …), shared by every instance of
/// an application.
/// </summary>
/// <remarks>
/// <see cref="IDistributedCache"/> has no atomic add, so this checks then sets: two instances receiving
/// the same delivery within the same few milliseconds can both accept it. A delivery repeated any later
/// is refused. Where that window matters, implement <see cref="IWebhookReplayCache"/> with an atomic
/// operation (Redis <c>SET key value NX PX ttl</c>).
/// </remarks>
public sealed class DistributedWebhookReplayCache : IWebhookReplayCache
{
    private static readonly byte[] Marker = [1];

    private readonly IDistributedCache _cache;
    private readonly string _prefix;

    /// <summary>Creates the cache.</summary>
    /// <param name="cache">The shared cache.</param>
    /// <param name="options">The key prefix.</param>
    public DistributedWebhookReplayCache(IDistributedCache cache, IOptions<WebhookReplayCacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache;
        _prefix = options.Value.KeyPrefix;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var fullKey = _prefix + key;
        if (await _cache.GetAsync(fullKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var entry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive };
        await _cache.SetAsync(fullKey, Marker, entry, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

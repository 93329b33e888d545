using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The default replay cache: bounded, in process memory, entries expiring on the clock. Enough for one
/// instance; several instances need <see cref="DistributedWebhookReplayCache"/>.
/// </summary>
internal sealed class MemoryWebhookReplayCache : IWebhookReplayCache
{
    private readonly Dictionary<ReplayCacheKey, long> _expiries = [];
    private readonly PriorityQueue<ReplayCacheKey, long> _byExpiry = new();
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;

    public MemoryWebhookReplayCache(IOptions<WebhookReplayCacheOptions> options, TimeProvider time)
    {
        _capacity = options.Value.MemoryCapacity;
        _time = time;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _expiries.Count;
            }
        }
    }

    public ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ValueTask.FromResult(TryAdd(ReplayCacheKey.FromText(key), timeToLive));
    }

    /// <summary>Records <paramref name="key"/> unless it is already present; the verifier's path, with no key text to build.</summary>
    /// <exception cref="InvalidOperationException">The cache is full of unexpired deliveries.</exception>
    public bool TryAdd(ReplayCacheKey key, TimeSpan timeToLive)
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            RemoveExpired(now);
            if (_expiries.ContainsKey(key))
            {
                return false;
            }

            if (_expiries.Count >= _capacity)
            {
                throw new InvalidOperationException("The in-memory webhook replay cache is full of unexpired deliveries.");
            }

            var expiry = now + timeToLive.Ticks;
            _expiries.Add(key, expiry);
            _byExpiry.Enqueue(key, expiry);
            return true;
        }
    }

    private void RemoveExpired(long now)
    {
        while (_byExpiry.TryPeek(out var key, out var expiry) && expiry <= now)
        {
            _byExpiry.Dequeue();
            _expiries.Remove(key);
        }
    }
}

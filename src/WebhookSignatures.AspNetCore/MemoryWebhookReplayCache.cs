using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The default replay cache: bounded, in process memory, entries expiring on the clock. Enough for one
/// instance; several instances need <see cref="DistributedWebhookReplayCache"/>.
/// </summary>
internal sealed class MemoryWebhookReplayCache : IWebhookReplayCache
{
    private readonly Dictionary<string, long> _expiries = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, long> _byExpiry = new();
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
        var now = _time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            RemoveExpired(now);
            if (_expiries.ContainsKey(key))
            {
                return ValueTask.FromResult(false);
            }

            if (_expiries.Count >= _capacity)
            {
                throw new InvalidOperationException("The in-memory webhook replay cache is full of unexpired deliveries.");
            }

            var expiry = now + timeToLive.Ticks;
            _expiries.Add(key, expiry);
            _byExpiry.Enqueue(key, expiry);
            return ValueTask.FromResult(true);
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

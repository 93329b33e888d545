using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The default replay cache: bounded, in process memory, entries expiring on the clock. Enough for one
/// instance; several instances need <see cref="DistributedWebhookReplayCache"/>.
/// </summary>
/// <remarks>
/// Deliveries sit in numbered slots, and the expiry queue holds slot numbers rather than whole keys: keeping it in
/// expiry order moves 12 bytes per step instead of a 64-byte key.
/// </remarks>
internal sealed class MemoryWebhookReplayCache : IWebhookReplayCache
{
    private readonly Dictionary<ReplayCacheKey, int> _slotOf = [];
    private readonly PriorityQueue<int, long> _byExpiry = new();
    private readonly Stack<int> _freeSlots = new();
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private ReplayCacheKey[] _keys = new ReplayCacheKey[16];
    private int _slotsUsed;

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
                return _slotOf.Count;
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
            if (_slotOf.Count >= _capacity)
            {
                if (_slotOf.ContainsKey(key))
                {
                    return false;
                }

                throw new InvalidOperationException("The in-memory webhook replay cache is full of unexpired deliveries.");
            }

            // One lookup both answers "seen before?" and makes the entry.
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slotOf, key, out var seen);
            if (seen)
            {
                return false;
            }

            try
            {
                slot = TakeSlot();
                _keys[slot] = key;
                _byExpiry.Enqueue(slot, Expiry(now, timeToLive));
            }
            catch
            {
                // Out of memory while growing: forget the key rather than keep it with no slot.
                _slotOf.Remove(key);
                throw;
            }

            return true;
        }
    }

    private int TakeSlot()
    {
        if (_freeSlots.TryPop(out var free))
        {
            return free;
        }

        if (_slotsUsed == _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_slotsUsed + 1, Math.Min(_keys.Length * 2, _capacity)));
        }

        return _slotsUsed++;
    }

    // A time to live too long to add to the clock never expires, rather than wrapping round into the past.
    private static long Expiry(long now, TimeSpan timeToLive) =>
        timeToLive.Ticks > long.MaxValue - now ? long.MaxValue : now + timeToLive.Ticks;

    private void RemoveExpired(long now)
    {
        while (_byExpiry.TryPeek(out var slot, out var expiry) && expiry <= now)
        {
            _byExpiry.Dequeue();
            _slotOf.Remove(_keys[slot]);
            _keys[slot] = default;
            _freeSlots.Push(slot);
        }
    }
}

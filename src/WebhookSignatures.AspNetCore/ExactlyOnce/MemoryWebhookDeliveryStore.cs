using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The default delivery store: in process memory, for one instance. Each registration has its own bounded
/// partition, so one registration's traffic never refuses another's; entries expire on the application's clock.
/// </summary>
internal sealed class MemoryWebhookDeliveryStore : IWebhookDeliveryStore
{
    private readonly ConcurrentDictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private Partition? _last;

    public MemoryWebhookDeliveryStore(IOptions<WebhookMemoryDeliveryStoreOptions> options, TimeProvider time)
    {
        _capacity = options.Value.CapacityPerRegistration;
        _time = time;
    }

    /// <summary>Renews leases: a handler slower than its lease keeps its delivery.</summary>
    public bool CanRenew => true;

    /// <summary>The deliveries held (reserved or completed, not yet expired) for a registration.</summary>
    public int Count(string registrationName) =>
        _partitions.TryGetValue(registrationName, out var partition) ? partition.Count(_time.GetUtcNow().UtcTicks) : 0;

    /// <summary>How many expiries a registration's partition has queued, stale ones included; for tests.</summary>
    internal int QueuedExpiries(string registrationName) =>
        _partitions.TryGetValue(registrationName, out var partition) ? partition.QueuedExpiries : 0;

    public ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ValueTask.FromResult(PartitionOf(key).TryReserve(key.Id, token, Expiry(lease)));
    }

    public ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ValueTask.FromResult(PartitionOf(key).Complete(key.Id, token, Expiry(timeToLive)));
    }

    public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ValueTask.FromResult(PartitionOf(key).Renew(key.Id, token, Expiry(lease)));
    }

    public ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ValueTask.FromResult(PartitionOf(key).Release(key.Id, token, _time.GetUtcNow().UtcTicks));
    }

    private Partition PartitionOf(WebhookDeliveryKey key)
    {
        var name = key.RegistrationName ?? throw new ArgumentException("The key has no registration.", nameof(key));

        // Most applications receive one registration's deliveries, or a run of them: comparing its name costs less
        // than hashing it.
        var last = Volatile.Read(ref _last);
        if (last is not null && string.Equals(last.Name, name, StringComparison.Ordinal))
        {
            return last;
        }

        last = _partitions.GetOrAdd(name, static (name, capacity) => new Partition(name, capacity), _capacity);
        Volatile.Write(ref _last, last);
        return last;
    }

    private (long Now, long Expiry) Expiry(TimeSpan duration)
    {
        var now = _time.GetUtcNow().UtcTicks;

        // A duration too long to add to the clock never expires, rather than wrapping round into the past.
        return (now, duration.Ticks > long.MaxValue - now ? long.MaxValue : now + Math.Max(duration.Ticks, 1));
    }

    /// <summary>
    /// One registration's deliveries, under one lock: the reservations held (a handler runs), and the completed
    /// deliveries with a queue of their expiries.
    /// </summary>
    /// <remarks>
    /// Reservations are few (as many as handlers run at once) and short-lived, so they are kept apart and never queued:
    /// a lease that ran out counts as gone wherever it is looked at, and the table is swept of them whenever it has
    /// doubled since the last sweep. Completed deliveries are many and hold no reference the garbage collector would
    /// trace. Each has exactly one queued expiry: in a first-in-first-out queue while expiries come in order (one time
    /// to live on a clock that moves forward, the usual case: constant time per delivery), in a priority queue when one
    /// comes out of order.
    /// </remarks>
    private sealed class Partition(string name, int capacity)
    {
        private const int FirstSweep = 64;

        private readonly Dictionary<WebhookDeliveryIdentity, Held> _held = [];
        private readonly Dictionary<WebhookDeliveryIdentity, long> _completed = [];
        private readonly Queue<(WebhookDeliveryIdentity Id, long Expiry)> _inOrder = new();
        private readonly PriorityQueue<WebhookDeliveryIdentity, long> _outOfOrder = new();
        private readonly object _lock = new();
        private long _lastInOrder = long.MinValue;
        private int _sweepAt = FirstSweep;

        public string Name => name;

        public int QueuedExpiries
        {
            get
            {
                lock (_lock)
                {
                    return _inOrder.Count + _outOfOrder.Count;
                }
            }
        }

        public int Count(long now)
        {
            lock (_lock)
            {
                RemoveExpired(now);
                var held = 0;
                foreach (var reservation in _held.Values)
                {
                    held += reservation.LeaseEnds > now ? 1 : 0;
                }

                return _completed.Count + held;
            }
        }

        public WebhookReservationOutcome TryReserve(WebhookDeliveryIdentity id, string token, (long Now, long Expiry) lease)
        {
            lock (_lock)
            {
                RemoveExpired(lease.Now);
                if (_completed.ContainsKey(id))
                {
                    return WebhookReservationOutcome.Completed;
                }

                ref var held = ref CollectionsMarshal.GetValueRefOrNullRef(_held, id);
                if (!Unsafe.IsNullRef(ref held))
                {
                    if (held.LeaseEnds > lease.Now)
                    {
                        return WebhookReservationOutcome.InFlight;
                    }

                    // Its lease ran out: the delivery is free, and taking it over keeps the count as it was.
                    held = new Held(token, lease.Expiry);
                    return WebhookReservationOutcome.Reserved;
                }

                // Full of unexpired deliveries: fail closed, as if the store were unreachable, rather than forget one.
                if (IsFull(lease.Now))
                {
                    throw new InvalidOperationException("The in-memory webhook delivery store is full of unexpired deliveries for this registration.");
                }

                _held.Add(id, new Held(token, lease.Expiry));
                return WebhookReservationOutcome.Reserved;
            }
        }

        public bool Complete(WebhookDeliveryIdentity id, string token, (long Now, long Expiry) timeToLive)
        {
            var now = timeToLive.Now;
            lock (_lock)
            {
                RemoveExpired(now);
                if (_held.TryGetValue(id, out var held))
                {
                    if (held.LeaseEnds > now && !string.Equals(held.Token, token, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    _held.Remove(id);
                }
                else if (_completed.ContainsKey(id) || IsFull(now))
                {
                    // Completed already (under another token, or this one), or no room to remember it.
                    return false;
                }

                // A delivery nothing holds any more (its lease ran out and no other attempt took it) is completed too:
                // the handler did finish, and forgetting that would run it again for the next duplicate.
                _completed.Add(id, timeToLive.Expiry);
                if (timeToLive.Expiry >= _lastInOrder)
                {
                    _inOrder.Enqueue((id, timeToLive.Expiry));
                    _lastInOrder = timeToLive.Expiry;
                }
                else
                {
                    _outOfOrder.Enqueue(id, timeToLive.Expiry);
                }

                return true;
            }
        }

        public bool Renew(WebhookDeliveryIdentity id, string token, (long Now, long Expiry) lease)
        {
            lock (_lock)
            {
                ref var held = ref CollectionsMarshal.GetValueRefOrNullRef(_held, id);
                if (Unsafe.IsNullRef(ref held) || held.LeaseEnds <= lease.Now || !string.Equals(held.Token, token, StringComparison.Ordinal))
                {
                    return false;
                }

                held = new Held(token, lease.Expiry);
                return true;
            }
        }

        public bool Release(WebhookDeliveryIdentity id, string token, long now)
        {
            lock (_lock)
            {
                if (!_held.TryGetValue(id, out var held) || held.LeaseEnds <= now || !string.Equals(held.Token, token, StringComparison.Ordinal))
                {
                    return false;
                }

                _held.Remove(id);
                return true;
            }
        }

        // Whether the partition has no room for one more delivery. Leases that ran out are swept out first when they are
        // all that stands in the way, and whenever the held table has doubled since its last sweep.
        private bool IsFull(long now)
        {
            if (_held.Count >= _sweepAt || _completed.Count + _held.Count >= capacity)
            {
                foreach (var (id, held) in _held)
                {
                    if (held.LeaseEnds <= now)
                    {
                        _held.Remove(id);
                    }
                }

                _sweepAt = Math.Max(FirstSweep, 2 * _held.Count);
            }

            return _completed.Count + _held.Count >= capacity;
        }

        private void RemoveExpired(long now)
        {
            while (_inOrder.TryPeek(out var queued) && queued.Expiry <= now)
            {
                _inOrder.Dequeue();
                Forget(queued.Id, queued.Expiry);
            }

            while (_outOfOrder.TryPeek(out var id, out var expiry) && expiry <= now)
            {
                _outOfOrder.Dequeue();
                Forget(id, expiry);
            }
        }

        // Each completion has one queued expiry; the comparison only guards against removing a later one.
        private void Forget(WebhookDeliveryIdentity id, long expiry)
        {
            if (_completed.TryGetValue(id, out var completedUntil) && completedUntil == expiry)
            {
                _completed.Remove(id);
            }
        }
    }

    /// <summary>A reservation: the token that holds it and when its lease runs out.</summary>
    private readonly record struct Held(string Token, long LeaseEnds);
}

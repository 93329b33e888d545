using System.Collections.Concurrent;
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
        return ValueTask.FromResult(PartitionOf(key).Complete(key.Id, token, _time.GetUtcNow().UtcTicks, Expiry(timeToLive)));
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

    private Partition PartitionOf(WebhookDeliveryKey key) =>
        _partitions.GetOrAdd(key.RegistrationName ?? throw new ArgumentException("The key has no registration.", nameof(key)), static (_, capacity) => new Partition(capacity), _capacity);

    private (long Now, long Expiry) Expiry(TimeSpan duration)
    {
        var now = _time.GetUtcNow().UtcTicks;

        // A duration too long to add to the clock never expires, rather than wrapping round into the past.
        return (now, duration.Ticks > long.MaxValue - now ? long.MaxValue : now + Math.Max(duration.Ticks, 1));
    }

    /// <summary>One registration's deliveries: a table of entries and a queue of expiries, under one lock.</summary>
    private sealed class Partition(int capacity)
    {
        private readonly Dictionary<WebhookDeliveryIdentity, Entry> _entries = [];

        // An entry's expiry can move (completed, released), so the queue keeps the version it was queued with and
        // entries whose version has moved on are skipped when they come due.
        private readonly PriorityQueue<(WebhookDeliveryIdentity Id, long Version), long> _byExpiry = new();
        private readonly object _lock = new();
        private long _versions;

        public int QueuedExpiries
        {
            get
            {
                lock (_lock)
                {
                    return _byExpiry.Count;
                }
            }
        }

        public int Count(long now)
        {
            lock (_lock)
            {
                RemoveExpired(now);
                return _entries.Count;
            }
        }

        public WebhookReservationOutcome TryReserve(WebhookDeliveryIdentity id, string token, (long Now, long Expiry) lease)
        {
            lock (_lock)
            {
                RemoveExpired(lease.Now);
                if (_entries.TryGetValue(id, out var held))
                {
                    return held.Token is null ? WebhookReservationOutcome.Completed : WebhookReservationOutcome.InFlight;
                }

                // Full of unexpired deliveries: fail closed, as if the store were unreachable, rather than forget one.
                if (_entries.Count >= capacity)
                {
                    throw new InvalidOperationException("The in-memory webhook delivery store is full of unexpired deliveries for this registration.");
                }

                Set(id, new Entry(token, lease.Expiry, ++_versions));
                return WebhookReservationOutcome.Reserved;
            }
        }

        public bool Complete(WebhookDeliveryIdentity id, string token, long now, (long Now, long Expiry) timeToLive)
        {
            lock (_lock)
            {
                RemoveExpired(now);
                // A delivery nothing holds any more (its lease ran out and no other attempt took it) is completed too:
                // the handler did finish, and forgetting that would run it again for the next duplicate.
                if (_entries.TryGetValue(id, out var held) && !string.Equals(held.Token, token, StringComparison.Ordinal))
                {
                    return false;
                }

                if (!_entries.ContainsKey(id) && _entries.Count >= capacity)
                {
                    return false;
                }

                Set(id, new Entry(null, timeToLive.Expiry, ++_versions));
                return true;
            }
        }

        public bool Renew(WebhookDeliveryIdentity id, string token, (long Now, long Expiry) lease)
        {
            lock (_lock)
            {
                RemoveExpired(lease.Now);
                if (!_entries.TryGetValue(id, out var held) || !string.Equals(held.Token, token, StringComparison.Ordinal))
                {
                    return false;
                }

                Set(id, new Entry(token, lease.Expiry, ++_versions));
                return true;
            }
        }

        public bool Release(WebhookDeliveryIdentity id, string token, long now)
        {
            lock (_lock)
            {
                RemoveExpired(now);
                if (!_entries.TryGetValue(id, out var held) || !string.Equals(held.Token, token, StringComparison.Ordinal))
                {
                    return false;
                }

                _entries.Remove(id);
                return true;
            }
        }

        private void Set(WebhookDeliveryIdentity id, Entry entry)
        {
            _entries[id] = entry;
            _byExpiry.Enqueue((id, entry.Version), entry.Expiry);

            // Released, completed and re-reserved entries leave their earlier expiries queued until those come due.
            // Once they outnumber the live entries the queue is rebuilt from the table, so it grows with the
            // deliveries held (the capacity), never with the attempts made within one lease.
            if (_byExpiry.Count > (2 * _entries.Count) + 16)
            {
                _byExpiry.Clear();
                _byExpiry.EnqueueRange(_entries.Select(static e => ((e.Key, e.Value.Version), e.Value.Expiry)));
            }
        }

        private void RemoveExpired(long now)
        {
            while (_byExpiry.TryPeek(out var queued, out var expiry) && expiry <= now)
            {
                _byExpiry.Dequeue();
                if (_entries.TryGetValue(queued.Id, out var entry) && entry.Version == queued.Version)
                {
                    _entries.Remove(queued.Id);
                }
            }
        }
    }

    /// <summary>A reservation (with the token that holds it) or a completion (no token).</summary>
    private readonly record struct Entry(string? Token, long Expiry, long Version);
}

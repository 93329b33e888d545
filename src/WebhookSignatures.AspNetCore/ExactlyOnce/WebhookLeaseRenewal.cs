namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Keeps the leases of running handlers: one timer for the whole application, ticking every <see cref="Tick"/> while
/// any reservation is held, walks the held reservations and lets each renew its lease when a third of it has passed, or
/// declare it lost once it ran out. A handler that finishes within a few seconds is never renewed: admitting and
/// settling it link and unlink it in a list under an uncontended lock, with no timer, task or allocation of its own.
/// </summary>
/// <remarks>
/// The reservations sit in one list per processor (the one that admitted them), so that admissions on different cores
/// rarely meet on a lock. The timer stops once no reservation is held, and the next admission starts it again.
/// </remarks>
internal sealed class WebhookLeaseRenewal : IDisposable
{
    /// <summary>How often held reservations are looked at.</summary>
    internal static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _time;
    private readonly Shard[] _shards;
    private readonly ITimer _timer;
    private readonly object _arming = new();

    // Reservations due at one tick; used by one tick at a time.
    private readonly List<WebhookDeliveryReservation> _due = [];
    private int _armed;
    private int _ticking;
    private bool _disposed;

    public WebhookLeaseRenewal(TimeProvider time)
    {
        _time = time;
        _shards = new Shard[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64))];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard();
        }

        // The first request to arrive must not lend the timer its execution context (its Activity, its HttpContext).
        using (ExecutionContext.SuppressFlow())
        {
            _timer = time.CreateTimer(static state => ((WebhookLeaseRenewal)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>How many reservations are held; for tests.</summary>
    internal int Count
    {
        get
        {
            var count = 0;
            foreach (var shard in _shards)
            {
                lock (shard)
                {
                    count += shard.Count;
                }
            }

            return count;
        }
    }

    /// <summary>Holds <paramref name="reservation"/> until <see cref="Forget"/>: its lease is renewed, or declared lost, from now on.</summary>
    public void Watch(WebhookDeliveryReservation reservation)
    {
        var index = Thread.GetCurrentProcessorId() & (_shards.Length - 1);
        var shard = _shards[index];
        bool armed;
        lock (shard)
        {
            shard.Add(reservation, index);

            // Read under the lock: a tick that saw this shard empty stopped the timer before it looked (see OnTick).
            armed = Volatile.Read(ref _armed) != 0;
        }

        if (!armed)
        {
            Arm();
        }
    }

    /// <summary>Stops looking after <paramref name="reservation"/>; nothing when it is not held.</summary>
    public void Forget(WebhookDeliveryReservation reservation)
    {
        var index = reservation.Shard;
        if (index < 0)
        {
            return;
        }

        var shard = _shards[index];
        lock (shard)
        {
            shard.Remove(reservation, index);
        }
    }

    public void Dispose()
    {
        lock (_arming)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Arm()
    {
        lock (_arming)
        {
            if (_disposed || Volatile.Read(ref _armed) != 0)
            {
                return;
            }

            Volatile.Write(ref _armed, 1);
            _timer.Change(Tick, Tick);
        }
    }

    private void OnTick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) != 0)
        {
            return;
        }

        try
        {
            // Said stopped before looking: a reservation added to a shard after this tick looked at it sees the timer
            // stopped and starts it again; one added before is found here, and the timer goes on.
            Interlocked.Exchange(ref _armed, 0);
            var now = _time.GetUtcNow().UtcTicks;
            var held = false;
            foreach (var shard in _shards)
            {
                lock (shard)
                {
                    held |= shard.Count > 0;
                    shard.CollectDue(now, _due);
                }
            }

            if (held)
            {
                Interlocked.CompareExchange(ref _armed, 1, 0);
            }
            else
            {
                lock (_arming)
                {
                    if (!_disposed && Volatile.Read(ref _armed) == 0)
                    {
                        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    }
                }
            }

            // Outside the locks: a store that answers at once settles, renews or forgets within these calls.
            foreach (var reservation in _due)
            {
                reservation.OnLeaseDue(now);
            }
        }
        finally
        {
            _due.Clear();
            Volatile.Write(ref _ticking, 0);
        }
    }

    /// <summary>One processor's held reservations: an intrusive doubly linked list, under the shard's own lock.</summary>
    private sealed class Shard
    {
        private WebhookDeliveryReservation? _head;

        public int Count { get; private set; }

        public void Add(WebhookDeliveryReservation reservation, int index)
        {
            reservation.Shard = index;
            reservation.Previous = null;
            reservation.Next = _head;
            if (_head is not null)
            {
                _head.Previous = reservation;
            }

            _head = reservation;
            Count++;
        }

        public void Remove(WebhookDeliveryReservation reservation, int index)
        {
            // Another caller may have removed it between the caller's look at Shard and this lock.
            if (reservation.Shard != index)
            {
                return;
            }

            if (reservation.Previous is { } previous)
            {
                previous.Next = reservation.Next;
            }
            else
            {
                _head = reservation.Next;
            }

            if (reservation.Next is { } next)
            {
                next.Previous = reservation.Previous;
            }

            reservation.Previous = null;
            reservation.Next = null;
            reservation.Shard = -1;
            Count--;
        }

        public void CollectDue(long now, List<WebhookDeliveryReservation> due)
        {
            for (var reservation = _head; reservation is not null; reservation = reservation.Next)
            {
                if (reservation.IsLeaseDue(now))
                {
                    due.Add(reservation);
                }
            }
        }
    }
}

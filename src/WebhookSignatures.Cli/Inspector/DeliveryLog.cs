namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// The inspector's memory: the last <c>capacity</c> deliveries, and fewer when together they pass <c>maxBytes</c>,
/// oldest dropped first. Readers (an open page's event stream, a page being written) never keep a delivery the log
/// has dropped: each holds only its place in the log and the text it is writing, and those texts together stay
/// within <c>maxBytes</c> too (the readers holding most are dropped first). A reader that is still writing while more
/// than <c>readerMaxBytes</c> of deliveries wait behind it is dropped; its connection is closed, its page reconnects,
/// and a page that missed deliveries no longer kept is told to reload.
/// </summary>
internal sealed class DeliveryLog(int capacity, long maxBytes, long readerMaxBytes)
{
    /// <summary>The default bound on the deliveries kept, and on the text being written to readers.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>The default bound on what may wait behind a reader that is still writing.</summary>
    public const long DefaultReaderMaxBytes = 4L * 1024 * 1024;

    private readonly object _lock = new();
    private readonly LinkedList<InspectedDelivery> _deliveries = new();
    private readonly Dictionary<long, InspectedDelivery> _bySequence = [];
    private readonly List<DeliveryReader> _readers = [];
    private long _bytes;
    private long _textBytes;
    private long _last;

    /// <summary>Identifies this run in event ids, so a page that reconnects to another run knows to reload.</summary>
    public string Run { get; } = Guid.NewGuid().ToString("N")[..12];

    public int Capacity => capacity;

    /// <summary>The bytes of the deliveries kept.</summary>
    public long KeptBytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The bytes of the text being written to readers.</summary>
    public long WritingBytes
    {
        get
        {
            lock (_lock)
            {
                return _textBytes;
            }
        }
    }

    /// <summary>Numbers the delivery, keeps it within the bounds and wakes every open event stream.</summary>
    public InspectedDelivery Add(Func<long, InspectedDelivery> create)
    {
        List<DeliveryReader> dropped = [];
        InspectedDelivery delivery;
        lock (_lock)
        {
            delivery = create(++_last);
            _deliveries.AddLast(delivery);
            _bySequence[delivery.Sequence] = delivery;
            _bytes += delivery.Size;
            while (_deliveries.Count > capacity || (_bytes > maxBytes && _deliveries.Count > 1))
            {
                var oldest = _deliveries.First!.Value;
                _bytes -= oldest.Size;
                _bySequence.Remove(oldest.Sequence);
                _deliveries.RemoveFirst();
            }

            foreach (var reader in _readers.ToArray())
            {
                if (!reader.Live)
                {
                    continue;
                }

                if (reader.Writing && WaitingBytes(reader) > readerMaxBytes)
                {
                    Drop(reader, dropped);
                }
                else
                {
                    reader.Signal();
                }
            }
        }

        Abort(dropped);
        return delivery;
    }

    /// <summary>The deliveries kept, oldest first.</summary>
    public IReadOnlyList<InspectedDelivery> Snapshot()
    {
        lock (_lock)
        {
            return [.. _deliveries];
        }
    }

    public InspectedDelivery? Find(long sequence)
    {
        lock (_lock)
        {
            return FindKept(sequence);
        }
    }

    /// <summary>
    /// An event stream's reader: the kept deliveries after <paramref name="after"/>, then each one added. It is
    /// <see cref="DeliveryReader.Missed"/> when deliveries after <paramref name="after"/> are no longer kept, or
    /// <paramref name="after"/> comes from another run: the page is whole again only once reloaded.
    /// </summary>
    /// <param name="after">The last delivery the page has, or 0 for none.</param>
    /// <param name="run">The run the page's last delivery came from, or null when it does not say.</param>
    /// <param name="abort">Closes the reader's connection when it is dropped.</param>
    public DeliveryReader Subscribe(long after, string? run, Action abort)
    {
        lock (_lock)
        {
            var oldest = _deliveries.First?.Value.Sequence ?? _last + 1;
            var missed = (run is not null && run != Run) || after > _last || (after > 0 && oldest > after + 1);

            // A page with nothing yet starts from the oldest kept: what was dropped before it opened is not missed.
            var reader = new DeliveryReader(this, live: true, abort, after == 0 ? oldest - 1 : after) { Missed = missed };
            _readers.Add(reader);
            return reader;
        }
    }

    /// <summary>A page's reader: every delivery kept now, newest first, skipping any the log drops before it is written.</summary>
    /// <param name="abort">Closes the page's connection when it is dropped.</param>
    public DeliveryReader Read(Action abort)
    {
        lock (_lock)
        {
            var reader = new DeliveryReader(this, live: false, abort, cursor: 0)
            {
                Opened = _deliveries.Count,
                Newest = _deliveries.Last?.Value.Sequence ?? 0,
            };
            for (var node = _deliveries.Last; node is not null; node = node.Previous)
            {
                reader.Pending.Enqueue(node.Value.Sequence);
            }

            _readers.Add(reader);
            return reader;
        }
    }

    internal bool TryTake(DeliveryReader reader, out InspectedDelivery delivery)
    {
        lock (_lock)
        {
            delivery = null!;
            if (reader.Dropped || reader.Missed)
            {
                return false;
            }

            if (!reader.Live)
            {
                while (reader.Pending.TryDequeue(out var sequence))
                {
                    if (FindKept(sequence) is { } kept)
                    {
                        delivery = kept;
                        reader.Writing = true;
                        return true;
                    }
                }

                return false;
            }

            if (reader.Cursor >= _last)
            {
                return false;
            }

            if (FindKept(reader.Cursor + 1) is not { } next)
            {
                // It fell behind further than the log keeps.
                reader.Missed = true;
                return false;
            }

            reader.Cursor = next.Sequence;
            reader.Writing = true;
            delivery = next;
            return true;
        }
    }

    /// <summary>
    /// Counts the text the reader is writing; when the texts together pass the bound, the other readers holding most
    /// are dropped first. False when the reader itself was dropped.
    /// </summary>
    internal bool Charge(DeliveryReader reader, long bytes)
    {
        List<DeliveryReader> dropped = [];
        bool kept;
        lock (_lock)
        {
            if (reader.Dropped)
            {
                return false;
            }

            reader.TextBytes += bytes;
            _textBytes += bytes;
            while (_textBytes > maxBytes && _readers.Where(r => r != reader && r.TextBytes > 0).MaxBy(r => r.TextBytes) is { } heaviest)
            {
                Drop(heaviest, dropped);
            }

            kept = !reader.Dropped;
        }

        Abort(dropped);
        return kept;
    }

    /// <summary>The reader has written what it took: its text is let go.</summary>
    internal void Sent(DeliveryReader reader)
    {
        lock (_lock)
        {
            Release(reader);
        }
    }

    internal bool IsDropped(DeliveryReader reader)
    {
        lock (_lock)
        {
            return reader.Dropped;
        }
    }

    internal bool IsMissed(DeliveryReader reader)
    {
        lock (_lock)
        {
            return reader.Missed;
        }
    }

    internal void Remove(DeliveryReader reader)
    {
        lock (_lock)
        {
            _readers.Remove(reader);
            Release(reader);
        }
    }

    private InspectedDelivery? FindKept(long sequence) => _bySequence.GetValueOrDefault(sequence);

    /// <summary>The kept deliveries after the one the reader is writing.</summary>
    private long WaitingBytes(DeliveryReader reader)
    {
        long waiting = 0;
        for (var node = _deliveries.Last; node is not null && node.Value.Sequence > reader.Cursor; node = node.Previous)
        {
            waiting += node.Value.Size;
        }

        return waiting;
    }

    private void Drop(DeliveryReader reader, List<DeliveryReader> dropped)
    {
        _readers.Remove(reader);
        Release(reader);
        reader.Dropped = true;
        reader.Signal();
        dropped.Add(reader);
    }

    private void Release(DeliveryReader reader)
    {
        _textBytes -= reader.TextBytes;
        reader.TextBytes = 0;
        reader.Writing = false;
    }

    // Outside the lock: closing a connection runs the server's code.
    private static void Abort(List<DeliveryReader> dropped)
    {
        foreach (var reader in dropped)
        {
            reader.Abort();
        }
    }
}

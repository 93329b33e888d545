using System.Threading.Channels;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// The inspector's memory: the last <c>capacity</c> deliveries, and fewer when together they pass
/// <c>maxBytes</c>, oldest dropped first. Each open page subscribes and gets every delivery added after the last it has.
/// </summary>
internal sealed class DeliveryLog(int capacity, long maxBytes)
{
    private readonly object _lock = new();
    private readonly LinkedList<InspectedDelivery> _deliveries = new();
    private readonly List<Channel<InspectedDelivery>> _subscribers = [];
    private long _bytes;
    private long _last;

    public int Capacity => capacity;

    /// <summary>Numbers the delivery, keeps it within the bounds and sends it to every open page.</summary>
    public InspectedDelivery Add(Func<long, InspectedDelivery> create)
    {
        lock (_lock)
        {
            var delivery = create(++_last);
            _deliveries.AddLast(delivery);
            _bytes += delivery.Size;
            while (_deliveries.Count > capacity || (_bytes > maxBytes && _deliveries.Count > 1))
            {
                _bytes -= _deliveries.First!.Value.Size;
                _deliveries.RemoveFirst();
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(delivery);
            }

            return delivery;
        }
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
            return _deliveries.FirstOrDefault(d => d.Sequence == sequence);
        }
    }

    /// <summary>
    /// The kept deliveries after <paramref name="after"/>, and a reader of every one added from now on: taken together,
    /// so none is missed or sent twice. A page that does not keep up loses the oldest, as the log itself does.
    /// </summary>
    public (IReadOnlyList<InspectedDelivery> Backlog, ChannelReader<InspectedDelivery> Live, IDisposable Subscription) Subscribe(long after)
    {
        var channel = Channel.CreateBounded<InspectedDelivery>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
            return ([.. _deliveries.Where(d => d.Sequence > after)], channel.Reader, new Unsubscribe(this, channel));
        }
    }

    private sealed class Unsubscribe(DeliveryLog log, Channel<InspectedDelivery> channel) : IDisposable
    {
        public void Dispose()
        {
            lock (log._lock)
            {
                log._subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        }
    }
}

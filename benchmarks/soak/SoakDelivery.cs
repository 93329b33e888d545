using System.Collections.Concurrent;

namespace WebhookSignatures.Soak;

/// <summary>One unique delivery: its id, its exact body, every attempt the sender made, and whether one got a 2xx.</summary>
public sealed class SoakDelivery(string id, byte[] body)
{
    private readonly ConcurrentQueue<(TimeSpan At, DeliveryKind Kind, int Target, int Status)> _attempts = new();
    private int _acknowledged;

    public string Id { get; } = id;

    public byte[] Body { get; } = body;

    /// <summary>The signed bytes, for a scheme whose retries are the same bytes.</summary>
    internal SignedWebhook? Signed { get; set; }

    /// <summary>Whether any attempt (the delivery's own or a duplicate's) got a 2xx.</summary>
    public bool Acknowledged => Volatile.Read(ref _acknowledged) != 0;

    /// <summary>Every attempt: when it was answered, as what, to which receiver, and the status.</summary>
    public IReadOnlyCollection<(TimeSpan At, DeliveryKind Kind, int Target, int Status)> Attempts => _attempts;

    public void Record(TimeSpan at, DeliveryKind kind, int target, int status)
    {
        _attempts.Enqueue((at, kind, target, status));
        if (SoakTally.IsSuccess(status))
        {
            Volatile.Write(ref _acknowledged, 1);
        }
    }
}

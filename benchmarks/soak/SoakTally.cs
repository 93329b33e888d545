using System.Collections.Concurrent;

namespace WebhookSignatures.Soak;

/// <summary>The kinds of delivery the soak sends.</summary>
public enum DeliveryKind
{
    Valid,
    Tampered,
    Stale,
    Replayed,
}

/// <summary>Whether Redis was up when the request was sent and answered.</summary>
public enum Phase
{
    Normal,
    Outage,
    Recovered,

    /// <summary>Redis is being stopped or started: requests are not counted.</summary>
    Changing,
}

/// <summary>Counts of (phase, kind, status), and the verdicts drawn from them.</summary>
public sealed class SoakTally
{
    private readonly ConcurrentDictionary<(Phase Phase, DeliveryKind Kind, int Status), int> _counts = new();

    public int FalseAccepts { get; private set; }

    public int FalseRejects { get; private set; }

    public bool OutageAnsweredUnavailable => Count(Phase.Outage, DeliveryKind.Valid, 503) > 0 && FalseAccepts == 0;

    public bool RecoveredAfterOutage => _counts.Any(c => c.Key.Phase == Phase.Recovered && c.Key.Kind == DeliveryKind.Valid && c.Key.Status is >= 200 and < 300);

    public void Record(Phase phase, DeliveryKind kind, int status)
    {
        _counts.AddOrUpdate((phase, kind, status), 1, (_, n) => n + 1);
        var accepted = status is >= 200 and < 300;
        if (accepted && (kind != DeliveryKind.Valid || phase == Phase.Outage))
        {
            lock (_counts)
            {
                FalseAccepts++;
            }
        }

        // A valid delivery must never be refused as unauthentic; 503 (the replay cache is unreachable, the
        // sender retries) is the expected answer during the outage and while the receivers reconnect after it.
        if (kind == DeliveryKind.Valid && !accepted && status != 503)
        {
            lock (_counts)
            {
                FalseRejects++;
            }
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine("phase      kind       status  count");
        foreach (var ((phase, kind, status), count) in _counts.OrderBy(c => c.Key.Phase).ThenBy(c => c.Key.Kind).ThenBy(c => c.Key.Status))
        {
            output.WriteLine($"{phase,-10} {kind,-10} {status,6}  {count,5}");
        }

        output.WriteLine($"total requests: {_counts.Values.Sum()}");
        output.WriteLine($"false accepts: {FalseAccepts}");
        output.WriteLine($"false rejects: {FalseRejects}");
        output.WriteLine($"replays rejected: {_counts.Where(c => c.Key.Kind == DeliveryKind.Replayed && c.Key.Status is < 200 or >= 300).Sum(c => c.Value)} of {_counts.Where(c => c.Key.Kind == DeliveryKind.Replayed).Sum(c => c.Value)}");
        output.WriteLine($"outage answered 503, process up: {OutageAnsweredUnavailable}");
        output.WriteLine($"recovered after Redis restart without a receiver restart: {RecoveredAfterOutage}");
    }

    private int Count(Phase phase, DeliveryKind kind, int status) => _counts.TryGetValue((phase, kind, status), out var n) ? n : 0;
}

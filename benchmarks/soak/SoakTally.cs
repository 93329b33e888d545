using System.Collections.Concurrent;
using System.Globalization;

namespace WebhookSignatures.Soak;

/// <summary>What a request of the soak was.</summary>
public enum DeliveryKind
{
    /// <summary>A unique delivery, sent for the first time or retried.</summary>
    Delivery,

    /// <summary>A delivery sent again after it was acknowledged, as a sender does when the answer was lost.</summary>
    Duplicate,

    /// <summary>A delivery sent to the other receiver at the same moment as the original.</summary>
    ConcurrentDuplicate,

    /// <summary>Signed, then a body byte changed: must be refused.</summary>
    Tampered,

    /// <summary>Signed with a secret the receivers do not hold: must be refused.</summary>
    Forged,

    /// <summary>Signed ten minutes ago: must be refused.</summary>
    Stale,
}

/// <summary>Whether Redis (or, in a kill run, receiver A) was up when the request was sent and answered.</summary>
public enum Phase
{
    Normal,
    Outage,
    Recovered,

    /// <summary>Redis is being stopped or started: requests are counted but not placed in a phase.</summary>
    Changing,
}

/// <summary>Counts of what the sender saw, by (phase, kind, status) and in total, and the verdicts drawn from them.</summary>
/// <param name="outageRefusesAll">Whether a 2xx during the outage is a false accept (Redis down), or expected (one receiver down).</param>
public sealed class SoakTally(bool outageRefusesAll = true)
{
    private readonly ConcurrentDictionary<(Phase Phase, DeliveryKind Kind, int Status), int> _byPhase = new();
    private readonly ConcurrentDictionary<int, int> _byStatus = new();
    private int _uniqueSent;
    private int _duplicatesSent;
    private int _concurrentDuplicatesSent;
    private int _retries;
    private int _refusalsSent;
    private int _refused;
    private int _refusalsUnanswered;
    private int _falseAccepts;
    private int _falseRejects;
    private int _sendsAbandoned;

    public int UniqueSent => Volatile.Read(ref _uniqueSent);

    /// <summary>Duplicates sent after an acknowledgement.</summary>
    public int DuplicatesSent => Volatile.Read(ref _duplicatesSent);

    /// <summary>Duplicates sent at the same moment as their original.</summary>
    public int ConcurrentDuplicatesSent => Volatile.Read(ref _concurrentDuplicatesSent);

    /// <summary>Attempts after the first of any send, the original's or a duplicate's.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>A forged, tampered or stale delivery answered 2xx, or any 2xx while Redis was down.</summary>
    public int FalseAccepts => Volatile.Read(ref _falseAccepts);

    /// <summary>A correctly signed delivery refused as if it were not (a 4xx other than 409).</summary>
    public int FalseRejects => Volatile.Read(ref _falseRejects);

    /// <summary>Sends (an original or a duplicate) that used up their attempts, or the time, without a 2xx.</summary>
    public int SendsAbandoned => Volatile.Read(ref _sendsAbandoned);

    public int RefusalsSent => Volatile.Read(ref _refusalsSent);

    /// <summary>Forged, tampered and stale deliveries answered 401.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Forged, tampered and stale deliveries that got no answer (sent to a receiver that was down).</summary>
    public int RefusalsUnanswered => Volatile.Read(ref _refusalsUnanswered);

    public bool OutageAnsweredUnavailable =>
        _byPhase.Any(c => c.Key is { Phase: Phase.Outage, Status: 503 }) && !_byPhase.Any(c => c.Key.Phase == Phase.Outage && IsSuccess(c.Key.Status));

    public bool RecoveredAfterOutage => _byPhase.Any(c => c.Key.Phase == Phase.Recovered && IsValid(c.Key.Kind) && IsSuccess(c.Key.Status));

    /// <summary>Answers with this status to correctly signed requests (deliveries, their retries and duplicates).</summary>
    public int CountOf(int status) => _byStatus.TryGetValue(status, out var n) ? n : 0;

    public static bool IsSuccess(int status) => status is >= 200 and < 300;

    public static bool IsValid(DeliveryKind kind) => kind is DeliveryKind.Delivery or DeliveryKind.Duplicate or DeliveryKind.ConcurrentDuplicate;

    public void CountUnique() => Interlocked.Increment(ref _uniqueSent);

    public void CountDuplicate() => Interlocked.Increment(ref _duplicatesSent);

    public void CountConcurrentDuplicate() => Interlocked.Increment(ref _concurrentDuplicatesSent);

    public void CountAbandoned() => Interlocked.Increment(ref _sendsAbandoned);

    /// <summary>Counts one answer; <paramref name="phase"/> is null when the request straddled a change of phase.</summary>
    public void Record(Phase? phase, DeliveryKind kind, int status, bool retry)
    {
        if (IsValid(kind))
        {
            _byStatus.AddOrUpdate(status, 1, static (_, n) => n + 1);
        }

        _byPhase.AddOrUpdate((phase ?? Phase.Changing, kind, status), 1, static (_, n) => n + 1);
        if (retry)
        {
            Interlocked.Increment(ref _retries);
        }

        if (!IsValid(kind))
        {
            Interlocked.Increment(ref _refusalsSent);
            if (status == 401)
            {
                Interlocked.Increment(ref _refused);
            }
            else if (status == 0)
            {
                Interlocked.Increment(ref _refusalsUnanswered);
            }
        }

        if (IsSuccess(status) && (!IsValid(kind) || (outageRefusesAll && phase == Phase.Outage)))
        {
            Interlocked.Increment(ref _falseAccepts);
        }

        // 409 (in flight) and 5xx (the application failed, Redis is unreachable) are what a sender retries; a 4xx
        // says the delivery itself was refused, which a correctly signed one never is.
        if (IsValid(kind) && status is >= 400 and < 500 and not 409)
        {
            Interlocked.Increment(ref _falseRejects);
        }
    }

    public void PrintPhases(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("phase      kind                 status  count");
        foreach (var ((phase, kind, status), count) in _byPhase.OrderBy(c => c.Key.Phase).ThenBy(c => c.Key.Kind).ThenBy(c => c.Key.Status))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase,-10} {kind,-20} {status,6}  {count,6}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total requests: {_byPhase.Values.Sum()} (status 0: no answer within 10 s)"));
    }
}

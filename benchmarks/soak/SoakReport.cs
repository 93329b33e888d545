using System.Globalization;

namespace WebhookSignatures.Soak;

/// <summary>What the sender saw set against what the application counted, and the verdict.</summary>
public sealed class SoakReport
{
    // How near the kill the application's answer must have come for its completion to be lost with the receiver (the
    // application may count its answer a moment after the kill, before it notices the connection gone): far longer than
    // a completion takes, far shorter than the run.
    private static readonly TimeSpan KillWindow = TimeSpan.FromSeconds(1);

    private readonly List<(string Name, string Value)> _lines = [];
    private readonly List<string> _failures = [];
    private readonly List<string> _timelines = [];

    private bool _killsReceiver;

    public bool Passed => _failures.Count == 0;

    public static SoakReport Of(SoakPlan plan, SoakOutcome outcome, CountingApplication application)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(application);
        var (tally, deliveries, drained, killedAt, restartedAt, kills) = outcome;
        var runs = application.Runs;
        var sent = deliveries.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        HandlerRuns? RunsOf(string id) => runs.TryGetValue(id, out var r) ? r : null;

        var handledOnce = deliveries.Count(d => RunsOf(d.Id)?.Succeeded == 1);
        var handledTwice = deliveries.Count(d => RunsOf(d.Id)?.Succeeded > 1);

        // With a receiver killed: a delivery the application had answered just before the kill, whose completion died
        // with the receiver, is run again by the retry once the dead receiver's lease ends (renewed every third of a lease,
        // it ends no sooner than two thirds of a lease after the kill). That is the documented window between a handler's
        // effects and its completion; it is counted, and any other second run is a failure. The application goes on with
        // a forwarded delivery whose receiver died (it sees no abort), so a kill mid-forward lands in that window.
        var inKillWindow = plan.KillsReceiver ? deliveries.Count(d => RunsOf(d.Id) is { Succeeded: 2 } r
            && r.Ends.Where(e => SoakTally.IsSuccess(e.Status)).Select(e => e.At).Order().ToArray() is [var first, var second]
            && (first - killedAt).Duration() <= KillWindow && second >= killedAt + (plan.Lease * 2 / 3) - KillWindow) : 0;
        var cutOff = runs.Values.Sum(r => r.Started - r.Failed - r.Succeeded);
        var restartedAnswered = deliveries.Any(d => d.Attempts.Any(a => a.Target == 0 && a.At > restartedAt && SoakTally.IsSuccess(a.Status)));

        // A delivery whose handler succeeded just as Redis died keeps its reservation (the completion never reached
        // Redis) until the receivers' lease ends; a retry after that runs the handler again.
        var afterLease = deliveries.Count(d => RunsOf(d.Id) is { Succeeded: > 1 } r
            && r.Ends.Where(e => SoakTally.IsSuccess(e.Status)).Select(e => e.At).Order().Take(2).ToArray() is [var first, var second]
            && second - first >= plan.Lease);
        var lost = deliveries.Count(d => !d.Acknowledged);
        var acknowledgedUnhandled = deliveries.Count(d => d.Acknowledged && (RunsOf(d.Id)?.Succeeded ?? 0) == 0);
        var handlerSuccesses = runs.Values.Sum(r => r.Succeeded);
        var handlerFailures = runs.Values.Sum(r => r.Failed);
        var unknown = runs.Keys.Count(id => !sent.Contains(id) && !id.StartsWith(CountingApplication.RefusedIdPrefix, StringComparison.Ordinal));

        var report = new SoakReport { _killsReceiver = plan.KillsReceiver };
        var fault = plan.KillsReceiver ? "receiver A killed (SIGKILL)" : "Redis killed";
        report.Add("scheme", $"{plan.Scheme}, {plan.Senders} senders, {plan.Duration.TotalSeconds:0} s, lease {plan.Lease.TotalSeconds:0} s, {fault} at {S(killedAt)} s, started again at {S(restartedAt)} s");
        report.Add("unique deliveries sent", N(tally.UniqueSent));
        report.Add("handled exactly once", $"{N(handledOnce)} (successful handler runs in all: {N(handlerSuccesses)})");
        if (plan.KillsReceiver)
        {
            report.Add("kills", $"{N(kills)} (handler runs cut off mid-run by the kill: {N(cutOff)}; the restarted receiver answered 2xx: {restartedAnswered})");
        }

        report.Add("failed handler runs (500)", $"{N(handlerFailures)} (first runs failed on purpose: {plan.FailFirstRuns:P0})");
        report.Add("duplicates sent", $"{N(tally.DuplicatesSent + tally.ConcurrentDuplicatesSent)} (after a 2xx: {N(tally.DuplicatesSent)}, at the same moment as the original: {N(tally.ConcurrentDuplicatesSent)})");
        report.Add("retries", N(tally.Retries));
        report.Add("409 in flight", N(tally.CountOf(409)));
        report.Add("503 store unavailable", N(tally.CountOf(503)));
        report.Add("500 from the application", N(tally.CountOf(500)));
        report.Add("502 application unreachable", N(tally.CountOf(502)));
        report.Add("no answer within 10 s", N(tally.CountOf(0)));
        report.Add("sends abandoned", $"{N(tally.SendsAbandoned)} (an original or a duplicate out of attempts or time)");
        report.Add("drain after the senders stopped", $"{drained.TotalSeconds:0.0} s (limit {plan.DrainLimit.TotalSeconds:0} s)");
        report.Add("lost (never 2xx)", N(lost));
        report.Add("handled twice", plan.KillsReceiver
            ? $"{N(handledTwice)} (answered by the application just before the kill, the completion lost with the receiver, run again after its lease: {N(inKillWindow)})"
            : $"{N(handledTwice)} (run again only once the {plan.Lease.TotalSeconds:0}-second lease ended, the first completion lost with Redis: {N(afterLease)})");
        report.Add("acknowledged, never handled", N(acknowledgedUnhandled));
        report.Add("refused kinds sent (forged, tampered, stale)", $"{N(tally.RefusalsSent)}, answered 401: {N(tally.Refused)}, unanswered: {N(tally.RefusalsUnanswered)}, reached the application: {N(application.RefusedReached)}");
        report.Add("false accepts", N(tally.FalseAccepts));
        report.Add("false rejects", N(tally.FalseRejects));
        if (!plan.KillsReceiver)
        {
            report.Add("outage answered 503, no 2xx while Redis was down", tally.OutageAnsweredUnavailable + (plan.Failover ? " (a failover: not required, the promoted replica may answer during it)" : ""));
            report.Add("2xx after Redis came back, no receiver restart", tally.RecoveredAfterOutage.ToString());
        }


        // What happened to each delivery that went wrong (or was run twice in the kill's window), set against the outage: the sender's attempts and the handler's runs.
        foreach (var delivery in deliveries.Where(d => !d.Acknowledged || RunsOf(d.Id)?.Succeeded != 1).Take(10))
        {
            var attempts = string.Join(", ", delivery.Attempts.Select(a => $"{S(a.At)} {a.Kind} @{(char)('A' + a.Target)} {a.Status}"));
            var ends = RunsOf(delivery.Id) is { } r ? string.Join(", ", r.Ends.Select(e => $"{S(e.At)} {e.Status}")) : "none";
            report._timelines.Add($"{delivery.Id}: attempts [{attempts}]; handler runs [{ends}]");
        }

        report.Require(tally.UniqueSent > 0, "no delivery was sent");
        report.Require(handledOnce + inKillWindow == tally.UniqueSent, $"unique sent {tally.UniqueSent} != handled exactly once {handledOnce} + twice in the kill's window {inKillWindow}");
        report.Require(lost == 0, $"{lost} deliveries never got a 2xx");
        report.Require(handledTwice == inKillWindow, $"{handledTwice - inKillWindow} deliveries handled more than once{(plan.KillsReceiver ? " outside the kill's window" : string.Empty)}");
        report.Require(acknowledgedUnhandled == 0, $"{acknowledgedUnhandled} deliveries acknowledged but never handled");
        report.Require(unknown == 0 && application.Unreadable == 0, $"the application saw {unknown} unknown ids and {application.Unreadable} unreadable bodies");
        report.Require(application.RefusedReached == 0, $"{application.RefusedReached} forged, tampered or stale deliveries reached the application");
        // A receiver that is down answers nothing at all, which is no acceptance; with Redis down, everything is answered.
        var refusedOrUnanswered = tally.Refused + (plan.KillsReceiver ? tally.RefusalsUnanswered : 0);
        report.Require(refusedOrUnanswered == tally.RefusalsSent, $"{tally.RefusalsSent - refusedOrUnanswered} forged, tampered or stale deliveries not answered 401{(plan.KillsReceiver ? " (nor sent to the killed receiver)" : string.Empty)}");
        report.Require(tally.FalseAccepts == 0, $"{tally.FalseAccepts} false accepts");
        report.Require(tally.FalseRejects == 0, $"{tally.FalseRejects} false rejects");
        if (plan.KillsReceiver)
        {
            report.Require(kills > 0, "no receiver was killed");
            report.Require(restartedAnswered, "the restarted receiver accepted nothing");
        }
        else
        {
            if (!plan.Failover)
            {
                report.Require(tally.OutageAnsweredUnavailable, "the outage was not answered 503 (or something got a 2xx during it)");
            }

            report.Require(tally.RecoveredAfterOutage, "nothing was accepted after Redis came back");
        }
        return report;
    }

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var width = _lines.Max(l => l.Name.Length) + 1;
        foreach (var (name, value) in _lines)
        {
            output.WriteLine($"{(name + ":").PadRight(width + 1)}{value}");
        }

        output.WriteLine(!Passed ? "verdict: FAIL"
            : _killsReceiver ? "verdict: PASS, every unique delivery handled, none lost, none twice outside the kill's window"
            : "verdict: PASS, every unique delivery handled exactly once");
        foreach (var failure in _failures)
        {
            output.WriteLine("  " + failure);
        }

        if (_timelines.Count > 0)
        {
            output.WriteLine("deliveries that went wrong (seconds from the start, receiver A or B, status):");
            foreach (var timeline in _timelines)
            {
                output.WriteLine("  " + timeline);
            }
        }
    }

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private void Add(string name, string value) => _lines.Add((name, value));

    private void Require(bool condition, string failure)
    {
        if (!condition)
        {
            _failures.Add(failure);
        }
    }
}

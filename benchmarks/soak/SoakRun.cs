using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace WebhookSignatures.Soak;

/// <summary>
/// Behaves like a sender towards two receivers that share Redis: unique deliveries alternately to each, a retry of
/// every delivery that was not acknowledged (to the other receiver, after a bounded backoff), duplicates of some
/// acknowledged deliveries (lost answers) and of some in flight (sent to both at once), and forged, tampered and stale
/// deliveries that must be refused. Redis (or, with <see cref="SoakPlan.KillReceiver"/>, receiver A) is killed at
/// <see cref="SoakPlan.OutageAt"/> and started again after <see cref="SoakPlan.OutageLength"/>.
/// </summary>
public sealed class SoakRun
{
    private readonly SoakPlan _plan;
    private readonly SoakSigner _signer;
    private readonly HttpClient _http;
    private readonly Stopwatch _clock;
    private readonly SoakTally _tally;
    private readonly ConcurrentQueue<Task> _sends = new();
    private readonly ConcurrentQueue<SoakDelivery> _deliveries = new();
    private int _phase = (int)Phase.Normal;
    private TimeSpan _killedAt;
    private TimeSpan _restartedAt;
    private int _kills;

    private SoakRun(SoakPlan plan, SoakSigner signer, HttpClient http, Stopwatch clock)
    {
        _plan = plan;
        _signer = signer;
        _http = http;
        _clock = clock;

        // While receiver A is down, B goes on answering 2xx; only an outage of Redis must refuse everything.
        _tally = new SoakTally(outageRefusesAll: !plan.KillsReceiver);
    }

    private TimeSpan Deadline => _plan.Duration + _plan.DrainLimit;

    /// <summary>Runs the soak; returns what the sender saw and every delivery it sent.</summary>
    public static async Task<SoakOutcome> RunAsync(SoakPlan plan, Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clock);
        using var signer = new SoakSigner(plan.Scheme, plan.Secret);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var run = new SoakRun(plan, signer, http, clock);
        var outage = run.OutageAsync();
        await Task.WhenAll(Enumerable.Range(0, plan.Senders).Select(sender => Task.Run(() => run.SendAsync(sender)))).ConfigureAwait(false);

        // The senders stopped: retries and duplicates still running finish by themselves within the deadline.
        var stopped = clock.Elapsed;
        while (run._sends.TryDequeue(out var send))
        {
            await send.ConfigureAwait(false);
        }

        await outage.ConfigureAwait(false);
        return new SoakOutcome(run._tally, run._deliveries, clock.Elapsed - stopped, run._killedAt, run._restartedAt, run._kills);
    }

    private async Task OutageAsync()
    {
        await Task.Delay(_plan.OutageAt).ConfigureAwait(false);

        // Requests in flight while Redis (or receiver A) goes away or comes back straddle the change: they are not placed
        // in a phase.
        Volatile.Write(ref _phase, (int)Phase.Changing);
        await ShellAsync(_plan.KillReceiver ?? _plan.StopRedis).ConfigureAwait(false);
        _killedAt = _clock.Elapsed;
        _kills++;
        Volatile.Write(ref _phase, (int)Phase.Outage);
        await Task.Delay(_plan.OutageLength).ConfigureAwait(false);
        Volatile.Write(ref _phase, (int)Phase.Changing);
        await ShellAsync(_plan.RestartReceiver ?? _plan.StartRedis).ConfigureAwait(false);
        _restartedAt = _clock.Elapsed;
        Volatile.Write(ref _phase, (int)Phase.Recovered);
    }

    private async Task SendAsync(int sender)
    {
        var n = 0;
        while (_clock.Elapsed < _plan.Duration)
        {
            n++;
            var target = (sender + n) % _plan.Targets.Count;
            var id = string.Create(CultureInfo.InvariantCulture, $"s{sender}-{n}");
            switch (n % 16)
            {
                case 5:
                    await RefuseAsync(DeliveryKind.Tampered, target, _signer.Tamper(SoakSigner.Body(CountingApplication.RefusedIdPrefix + id, sender, n), "msg_" + id)).ConfigureAwait(false);
                    continue;
                case 10:
                    await RefuseAsync(DeliveryKind.Forged, target, _signer.Forge(SoakSigner.Body(CountingApplication.RefusedIdPrefix + id, sender, n))).ConfigureAwait(false);
                    continue;
                case 15 when _signer.SignsTimestamp:
                    await RefuseAsync(DeliveryKind.Stale, target, _signer.Stale(SoakSigner.Body(CountingApplication.RefusedIdPrefix + id, sender, n), "msg_" + id)).ConfigureAwait(false);
                    continue;
            }

            var delivery = new SoakDelivery("msg_" + id, SoakSigner.Body("msg_" + id, sender, n));
            _deliveries.Enqueue(delivery);
            _tally.CountUnique();
            if (Random.Shared.NextDouble() < _plan.ConcurrentDuplicate)
            {
                _tally.CountConcurrentDuplicate();
                await Task.WhenAll(
                    FirstAttemptAsync(delivery, DeliveryKind.Delivery, target),
                    FirstAttemptAsync(delivery, DeliveryKind.ConcurrentDuplicate, target + 1)).ConfigureAwait(false);
            }
            else
            {
                await FirstAttemptAsync(delivery, DeliveryKind.Delivery, target).ConfigureAwait(false);
            }
        }
    }

    // The sender waits for the first answer; when it is not a 2xx the delivery goes to the retry queue and the sender
    // moves on, as a real one does.
    private async Task FirstAttemptAsync(SoakDelivery delivery, DeliveryKind kind, int target)
    {
        var answer = await AttemptAsync(delivery, kind, target, retry: false).ConfigureAwait(false);
        if (TrySucceeded(delivery, kind, answer))
        {
            return;
        }

        _sends.Enqueue(Task.Run(async () =>
        {
            if (await RetryAsync(delivery, kind, target, answer).ConfigureAwait(false))
            {
                TrySucceeded(delivery, kind, (200, null));
            }
        }));
    }

    // On an acknowledged original, maybe duplicates later (a sender that lost the answer sends it again).
    private bool TrySucceeded(SoakDelivery delivery, DeliveryKind kind, (int Status, TimeSpan? RetryAfter) answer)
    {
        if (!SoakTally.IsSuccess(answer.Status))
        {
            return false;
        }

        if (kind == DeliveryKind.Delivery && Random.Shared.NextDouble() < _plan.DuplicateAfterSuccess)
        {
            var copies = Random.Shared.Next(1, 3);
            _sends.Enqueue(Task.Run(async () =>
            {
                for (var i = 0; i < copies; i++)
                {
                    await Task.Delay(Random.Shared.Next(0, 200)).ConfigureAwait(false);
                    if (_clock.Elapsed >= Deadline)
                    {
                        return;
                    }

                    _tally.CountDuplicate();
                    var target = Random.Shared.Next(_plan.Targets.Count);
                    var first = await AttemptAsync(delivery, DeliveryKind.Duplicate, target, retry: false).ConfigureAwait(false);
                    if (!SoakTally.IsSuccess(first.Status))
                    {
                        await RetryAsync(delivery, DeliveryKind.Duplicate, target, first).ConfigureAwait(false);
                    }
                }
            }));
        }

        return true;
    }

    // Retries alternately at each receiver until a 2xx, the attempts are used up or the deadline passes.
    private async Task<bool> RetryAsync(SoakDelivery delivery, DeliveryKind kind, int target, (int Status, TimeSpan? RetryAfter) answer)
    {
        for (var attempt = 1; attempt < _plan.MaxAttempts; attempt++)
        {
            var pause = Backoff(attempt, answer.RetryAfter);
            if (_clock.Elapsed + pause >= Deadline)
            {
                break;
            }

            await Task.Delay(pause).ConfigureAwait(false);
            answer = await AttemptAsync(delivery, kind, target + attempt, retry: true).ConfigureAwait(false);
            if (SoakTally.IsSuccess(answer.Status))
            {
                return true;
            }
        }

        _tally.CountAbandoned();
        return false;
    }

    // Exponential from 100 ms, at most MaxBackoff, with jitter; a Retry-After is honoured up to MaxBackoff.
    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = TimeSpan.FromMilliseconds(100 * Math.Pow(2, Math.Min(attempt - 1, 10)));
        var pause = retryAfter is { } asked && asked > exponential ? asked : exponential;
        pause = pause < _plan.MaxBackoff ? pause : _plan.MaxBackoff;
        return pause * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    private async Task<(int Status, TimeSpan? RetryAfter)> AttemptAsync(SoakDelivery delivery, DeliveryKind kind, int target, bool retry)
    {
        var before = Volatile.Read(ref _phase);
        var answer = await PostAsync(_plan.Targets[target % _plan.Targets.Count], _signer.Sign(delivery)).ConfigureAwait(false);
        _tally.Record(PhaseOf(before), kind, answer.Status, retry);
        delivery.Record(_clock.Elapsed, kind, target % _plan.Targets.Count, answer.Status);

        return answer;
    }

    private async Task RefuseAsync(DeliveryKind kind, int target, SignedWebhook signed)
    {
        var before = Volatile.Read(ref _phase);
        var answer = await PostAsync(_plan.Targets[target % _plan.Targets.Count], signed).ConfigureAwait(false);
        _tally.Record(PhaseOf(before), kind, answer.Status, retry: false);
    }

    // A request belongs to a phase only when the phase was the same when it was sent and when it was answered.
    private Phase? PhaseOf(int before) => before != (int)Phase.Changing && before == Volatile.Read(ref _phase) ? (Phase)before : null;

    private async Task<(int Status, TimeSpan? RetryAfter)> PostAsync(Uri target, SignedWebhook signed)
    {
        using var content = new ReadOnlyMemoryContent(signed.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, null); // no answer: the sender retries
        }
    }

    private static async Task ShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })!;
        await process.WaitForExitAsync().ConfigureAwait(false);
    }
}

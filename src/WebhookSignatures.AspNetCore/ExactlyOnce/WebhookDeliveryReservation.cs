using System.Diagnostics;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A delivery reserved for one request. While its handler runs, its lease is renewed every third of the lease (by
/// <see cref="WebhookLeaseRenewal"/>'s tick) when the store renews leases; when the reservation is lost (the store says
/// another attempt holds it, or no renewal was answered within the lease, or the lease of a store that does not renew
/// ran out) <see cref="ReservationLost"/> fires. Settled once by the pipeline: completed when the handler answered 2xx,
/// released otherwise, so the sender's retry runs the handler again. A settlement the store did not confirm is tried
/// again in the background, so a handled delivery is still recorded, and a failed one still given back, when the store
/// comes back within the lease. While its handler runs it is the request's <see cref="IWebhookDeliveryReservationFeature"/>
/// itself, so that holding a delivery allocates one object.
/// </summary>
/// <remarks>
/// A reservation whose answer was lost (<see cref="IsConfirmed"/> false: the store threw, but the command may have
/// reached it and may still land, on this connection or after a reconnection) is released again and again: while the
/// store does not answer, then for a whole lease after it first answers, unless a release finds and removes it first.
/// Releasing it once is not enough, since the late write can come after that one release. It is never renewed.
/// </remarks>
internal sealed class WebhookDeliveryReservation : IWebhookDeliveryReservationFeature
{
    private const int Held = 0;
    private const int Settled = 1;
    private const int Lost = 2;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);

    // While the store does not answer there is no point in asking it more often than this.
    private static readonly TimeSpan LongestRetryUnanswered = TimeSpan.FromSeconds(2);

    // While the store does not answer, a reservation whose answer was lost is released for at most this many leases.
    private const int UnansweredLeases = 10;

    private readonly WebhookExactlyOnce _owner;
    private readonly string _token;
    private readonly TimeSpan _timeToLive;
    private readonly TimeSpan _lease;
    private readonly DateTimeOffset _reservedAt;
    private readonly string _schemeName;

    // The request's span, so that renewals, which run on the timer, show in its trace.
    private readonly ActivityContext _trace;
    private CancellationTokenSource? _lostSource;
    private int _state;
    private int _settled;
    private int _renewing;
    private int _shard = -1;

    // When the lease runs out, and when to renew it next, in UTC ticks of the application's clock.
    private long _leaseEnds;
    private long _renewAt;
    private int _completedByHandler;
    private int _unreplicated;
    private TimeSpan _wait;
    private DateTimeOffset? _answeredAt;

    /// <summary>Creates a reservation the store answered for (<paramref name="isConfirmed"/>) or may still hold.</summary>
    /// <param name="owner">The exactly-once policy, with the store and the background work.</param>
    /// <param name="key">The delivery.</param>
    /// <param name="token">The token it is reserved under.</param>
    /// <param name="timeToLive">How long a completion is kept.</param>
    /// <param name="lease">The lease asked for.</param>
    /// <param name="reservedAt">When the reservation was asked for: its lease runs from then at the latest.</param>
    /// <param name="isConfirmed">Whether the store answered that it reserved the delivery.</param>
    /// <param name="schemeName">The scheme, for logs and metrics.</param>
    internal WebhookDeliveryReservation(
        WebhookExactlyOnce owner,
        WebhookDeliveryKey key,
        string token,
        TimeSpan timeToLive,
        TimeSpan lease,
        DateTimeOffset reservedAt,
        bool isConfirmed,
        string schemeName)
    {
        _owner = owner;
        Key = key;
        _token = token;
        _timeToLive = timeToLive;
        _lease = lease;
        _reservedAt = reservedAt;
        IsConfirmed = isConfirmed;
        _schemeName = schemeName;
        _leaseEnds = Add(reservedAt.UtcTicks, lease.Ticks);
        _renewAt = owner.Store.CanRenew ? Add(reservedAt.UtcTicks, RenewEvery.Ticks) : long.MaxValue;
        _trace = WebhookTracing.Source.HasListeners() ? Activity.Current?.Context ?? default : default;
    }

    public WebhookDeliveryKey Key { get; }

    /// <summary>Whether the store answered that it reserved the delivery; false when its answer was lost.</summary>
    public bool IsConfirmed { get; }

    /// <summary>
    /// Fires when the reservation is lost while the handler runs, so the sender's retry may run the handler again. Its
    /// source is made on first use: a handler that never asks costs nothing.
    /// </summary>
    public CancellationToken ReservationLost
    {
        get
        {
            var source = Volatile.Read(ref _lostSource);
            if (source is null)
            {
                var created = new CancellationTokenSource();
                source = Interlocked.CompareExchange(ref _lostSource, created, null) ?? created;
                if (!ReferenceEquals(source, created))
                {
                    created.Dispose();
                }

                // Lost before anyone asked: Lose found no source to cancel.
                if (Volatile.Read(ref _state) == Lost)
                {
                    source.Cancel();
                }
            }

            return source.Token;
        }
    }

    /// <summary>The shard of <see cref="WebhookLeaseRenewal"/> that holds it, or -1.</summary>
    internal int Shard
    {
        get => Volatile.Read(ref _shard);
        set => Volatile.Write(ref _shard, value);
    }

    /// <summary>The neighbours in <see cref="WebhookLeaseRenewal"/>'s list, under its shard's lock.</summary>
    internal WebhookDeliveryReservation? Previous { get; set; }

    /// <inheritdoc cref="Previous"/>
    internal WebhookDeliveryReservation? Next { get; set; }

    private TimeSpan RenewEvery => _lease / 3;

    /// <summary>When the lease runs out unless renewed: the last time a renewal the store confirmed was sent, plus the lease.</summary>
    private DateTimeOffset LeaseEnds => new(Volatile.Read(ref _leaseEnds), TimeSpan.Zero);

    /// <summary>Whether the lease wants renewing, or has run out, at <paramref name="now"/> (UTC ticks).</summary>
    internal bool IsLeaseDue(long now) => now >= Volatile.Read(ref _renewAt) || now >= Volatile.Read(ref _leaseEnds);

    /// <summary>Renews the lease, or declares it lost when it ran out; called by the tick that found it due.</summary>
    internal void OnLeaseDue(long now)
    {
        // A completion committed in the handler's own transaction ends the lease's use: nothing is left to hold.
        if (Volatile.Read(ref _state) != Held || IsCompletedByHandler)
        {
            _owner.Renewal.Forget(this);
            return;
        }

        if (now >= Volatile.Read(ref _leaseEnds))
        {
            Lose(_owner.Store.CanRenew ? "unanswered" : "expired");
            return;
        }

        if (now >= Volatile.Read(ref _renewAt) && Interlocked.Exchange(ref _renewing, 1) == 0)
        {
            _ = RenewAsync(now);
        }
    }

    /// <summary>The token that holds the reservation.</summary>
    public string Token => _token;

    /// <summary>How long the completed delivery is remembered.</summary>
    public TimeSpan TimeToLive => _timeToLive;

    /// <summary>Whether the handler's own transaction committed the completion (a store that completes in it said so).</summary>
    public bool IsCompletedByHandler => Volatile.Read(ref _completedByHandler) != 0;

    /// <summary>Records that the handler's own transaction committed the completion: settling then leaves the store alone.</summary>
    public void MarkCompletedByHandler() => Volatile.Write(ref _completedByHandler, 1);

    bool IWebhookDeliveryReservationFeature.IsCompleted => IsCompletedByHandler;

    void IWebhookDeliveryReservationFeature.MarkCompleted() => MarkCompletedByHandler();

    /// <summary>Completes (a handled delivery) or releases the delivery, now and, if need be, in the background; later calls do nothing. Never throws.</summary>
    /// <param name="ending">How the handler ended: whether it answered 2xx (whether or not the sender was still there), and if not, what happened.</param>
    public async ValueTask SettleAsync(WebhookHandlerEnding ending)
    {
        var handled = ending.Handled;
        if (Interlocked.Exchange(ref _settled, 1) != 0)
        {
            return;
        }

        var wasLost = Interlocked.CompareExchange(ref _state, Settled, Held) == Lost;
        _owner.Renewal.Forget(this);

        // Completed with the handler's effects, in its transaction: completed once, and never released by what the
        // handler did after that commit (a later failure, an exception, an abort).
        if (IsCompletedByHandler)
        {
            return;
        }

        bool answered;
        try
        {
            // Not the request's token: an aborted request must still give its reservation back.
            var done = await TrySettleAsync(handled, wasLost, CancellationToken.None).ConfigureAwait(false);
            if (!handled)
            {
                WebhookSignatureLog.Released(_owner.Logger, ending.Describe(), Key.RegistrationName, _schemeName, Key.Id.ToString());
            }

            if (done)
            {
                return;
            }

            answered = true;
        }
        catch (Exception e)
        {
            WebhookSignatureLog.SettleFailed(_owner.Logger, e, Key.RegistrationName, _schemeName, handled ? "complete" : "release", Key.Id.ToString());
            answered = false;
        }

        RetryLater(handled, wasLost, answered);
    }

    /// <summary>Releases, in the background only, a reservation whose answer was lost and whose handler will not run.</summary>
    public void ReleaseLater()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            Volatile.Write(ref _state, Settled);
            RetryLater(handled: false, wasLost: false, answered: false);
        }
    }

    private static long Add(long ticks, long more) => more > long.MaxValue - ticks ? long.MaxValue : ticks + more;

    // A renewal, started by a tick; at most one runs at a time. The lease then runs from when the renewal was sent.
    private async Task RenewAsync(long sentAt)
    {
        try
        {
            var held = await _owner.Store.RenewAsync(Key, _schemeName, _token, _lease, _trace, CancellationToken.None).ConfigureAwait(false);
            if (!held)
            {
                Lose("not_held");
            }
            else if (Volatile.Read(ref _state) == Held)
            {
                Volatile.Write(ref _leaseEnds, Add(sentAt, _lease.Ticks));
                Volatile.Write(ref _renewAt, Add(sentAt, RenewEvery.Ticks));
                _owner.Metrics.LeaseRenewed(Key.RegistrationName, _schemeName);
            }
        }
        catch (Exception e)
        {
            // The store did not answer: try again soon; the tick declares the reservation lost once its lease ran out.
            if (Volatile.Read(ref _state) == Held)
            {
                WebhookSignatureLog.RenewFailed(_owner.Logger, e, Key.RegistrationName, _schemeName, Key.Id.ToString());
                var wait = TimeSpan.FromTicks(Math.Max(WebhookLeaseRenewal.Tick.Ticks, _lease.Ticks / 10));
                Volatile.Write(ref _renewAt, Add(_owner.Time.GetUtcNow().UtcTicks, wait.Ticks));
            }
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    // Once only, and only while the handler runs: a reservation being settled is not lost, whatever a late renewal says.
    private void Lose(string reason)
    {
        if (Interlocked.CompareExchange(ref _state, Lost, Held) != Held)
        {
            return;
        }

        _owner.Renewal.Forget(this);

        // The handler's callbacks run on the thread pool, not on the tick that found the loss.
        _ = Volatile.Read(ref _lostSource)?.CancelAsync();
        WebhookSignatureLog.ReservationLost(_owner.Logger, reason, Key.RegistrationName, _schemeName, Key.Id.ToString());
        _owner.Metrics.LeaseLost(Key.RegistrationName, _schemeName, reason);
    }

    // Whether the settlement is done: a completion as soon as the store answers; a release once the store answers,
    // unless the reservation is not confirmed and the release found nothing yet (the late write may still come).
    private async ValueTask<bool> TrySettleAsync(bool handled, bool wasLost, CancellationToken cancellationToken)
    {
        var registration = Key.RegistrationName;
        if (handled)
        {
            bool completed;
            try
            {
                completed = await _owner.Store.CompleteAsync(Key, _schemeName, _token, _timeToLive, cancellationToken).ConfigureAwait(false);
            }
            catch (WebhookCompletionNotReplicatedException e)
            {
                // Recorded on the primary, which a failover may lose: the 2xx stands, and the completion is tried again
                // until the replicas hold it or the lease ends (completing again only confirms its replication).
                if (Interlocked.Exchange(ref _unreplicated, 1) == 0)
                {
                    WebhookSignatureLog.CompletionNotReplicated(_owner.Logger, e.Message, registration, _schemeName, Key.Id.ToString());
                    _owner.Metrics.CompletionNotReplicated(registration, _schemeName);
                }

                return false;
            }

            if (completed)
            {
                _owner.Metrics.Settlement(registration, _schemeName, "completed");
            }
            else if (IsConfirmed)
            {
                WebhookSignatureLog.LeaseLost(_owner.Logger, registration, _schemeName, Key.Id.ToString());
                if (!wasLost)
                {
                    _owner.Metrics.LeaseLost(registration, _schemeName, "not_held");
                }
            }

            return true;
        }

        if (await _owner.Store.ReleaseAsync(Key, _schemeName, _token, cancellationToken).ConfigureAwait(false))
        {
            _owner.Metrics.Settlement(registration, _schemeName, "released");
            return true;
        }

        return IsConfirmed;
    }

    private void RetryLater(bool handled, bool wasLost, bool answered)
    {
        _wait = FirstRetry;
        if (answered)
        {
            _answeredAt = _owner.Time.GetUtcNow();
        }

        _owner.Retries.TryStart(FirstRetry, cancellationToken => RetryAsync(handled, wasLost, cancellationToken));
    }

    // The store's operations act only while the key holds this token (a completion also when it holds nothing), so
    // trying again is safe; what is left after the deadline belongs to the lease and the sender's retry.
    private async ValueTask<TimeSpan?> RetryAsync(bool handled, bool wasLost, CancellationToken cancellationToken)
    {
        bool answered;
        try
        {
            if (await TrySettleAsync(handled, wasLost, cancellationToken).ConfigureAwait(false))
            {
                WebhookSignatureLog.SettledOnRetry(_owner.Logger, Key.RegistrationName, _schemeName, handled ? "completed" : "released", Key.Id.ToString());
                return null;
            }

            answered = true;
        }
        catch (Exception)
        {
            // Still unreachable, or the application is stopping (whatever the store throws then).
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            answered = false;
        }

        var now = _owner.Time.GetUtcNow();
        if (answered)
        {
            _answeredAt ??= now;
        }

        // Once the store answers, the late write lands within moments: later tries can be rarer.
        var longest = _answeredAt is null ? LongestRetryUnanswered : TimeSpan.FromTicks(Math.Max(LongestRetryUnanswered.Ticks, _lease.Ticks / 8));
        _wait = _wait * 2 < longest ? _wait * 2 : longest;
        var deadline = IsConfirmed ? LeaseEnds
            : _answeredAt is { } answeredAt ? answeredAt + _lease
            : _reservedAt + (_lease * UnansweredLeases);
        return now + _wait < deadline ? _wait : null;
    }
}

using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A delivery reserved for one request, settled once by the pipeline: completed when the handler answered 2xx,
/// released otherwise, so the sender's retry runs the handler again. A settlement the store did not confirm is tried
/// again in the background, so a handled delivery is still recorded, and a failed one still given back, when the store
/// comes back within the lease.
/// </summary>
/// <remarks>
/// A reservation whose answer was lost (<see cref="IsConfirmed"/> false: the store threw, but the command may have
/// reached it and may still land, on this connection or after a reconnection) is released again and again: while the
/// store does not answer, then for a whole lease after it first answers, unless a release finds and removes it first.
/// Releasing it once is not enough, since the late write can come after that one release.
/// </remarks>
internal sealed class WebhookDeliveryReservation
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);

    // While the store does not answer there is no point in asking it more often than this.
    private static readonly TimeSpan LongestRetryUnanswered = TimeSpan.FromSeconds(2);

    // While the store does not answer, a reservation whose answer was lost is released for at most this many leases.
    private const int UnansweredLeases = 10;

    private readonly IWebhookDeliveryStore _store;
    private readonly WebhookStoreRetries _retries;
    private readonly string _token;
    private readonly TimeSpan _timeToLive;
    private readonly TimeSpan _lease;
    private readonly DateTimeOffset _reservedAt;
    private readonly TimeProvider _time;
    private readonly string _schemeName;
    private readonly ILogger _logger;
    private int _settled;
    private int _completedByHandler;
    private TimeSpan _wait;
    private DateTimeOffset? _answeredAt;

    internal WebhookDeliveryReservation(
        IWebhookDeliveryStore store,
        WebhookStoreRetries retries,
        WebhookDeliveryKey key,
        string token,
        TimeSpan timeToLive,
        TimeSpan lease,
        bool isConfirmed,
        TimeProvider time,
        string schemeName,
        ILogger logger)
    {
        _store = store;
        _retries = retries;
        Key = key;
        _token = token;
        _timeToLive = timeToLive;
        _lease = lease;
        IsConfirmed = isConfirmed;
        _reservedAt = time.GetUtcNow();
        _time = time;
        _schemeName = schemeName;
        _logger = logger;
    }

    public WebhookDeliveryKey Key { get; }

    /// <summary>Whether the store answered that it reserved the delivery; false when its answer was lost.</summary>
    public bool IsConfirmed { get; }

    /// <summary>The token that holds the reservation.</summary>
    public string Token => _token;

    /// <summary>How long the completed delivery is remembered.</summary>
    public TimeSpan TimeToLive => _timeToLive;

    /// <summary>Whether the handler's own transaction committed the completion (a store that completes in it said so).</summary>
    public bool IsCompletedByHandler => Volatile.Read(ref _completedByHandler) != 0;

    /// <summary>Records that the handler's own transaction committed the completion: settling then leaves the store alone.</summary>
    public void MarkCompletedByHandler() => Volatile.Write(ref _completedByHandler, 1);

    /// <summary>Completes (<paramref name="handled"/>) or releases the delivery, now and, if need be, in the background; later calls do nothing. Never throws.</summary>
    /// <param name="handled">Whether the handler answered 2xx to a sender still connected.</param>
    /// <param name="status">The handler's status, for the log.</param>
    public async ValueTask SettleAsync(bool handled, int status)
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0)
        {
            return;
        }

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
            var done = await TrySettleAsync(handled, CancellationToken.None).ConfigureAwait(false);
            if (!handled)
            {
                WebhookSignatureLog.Released(_logger, Key.RegistrationName, _schemeName, status, Key.Id.ToString());
            }

            if (done)
            {
                return;
            }

            answered = true;
        }
        catch (Exception e)
        {
            WebhookSignatureLog.SettleFailed(_logger, e, Key.RegistrationName, _schemeName, handled ? "complete" : "release", Key.Id.ToString());
            answered = false;
        }

        RetryLater(handled, answered);
    }

    /// <summary>Releases, in the background only, a reservation whose answer was lost and whose handler will not run.</summary>
    public void ReleaseLater()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            RetryLater(handled: false, answered: false);
        }
    }

    // Whether the settlement is done: a completion as soon as the store answers; a release once the store answers,
    // unless the reservation is not confirmed and the release found nothing yet (the late write may still come).
    private async ValueTask<bool> TrySettleAsync(bool handled, CancellationToken cancellationToken)
    {
        if (handled)
        {
            if (!await _store.CompleteAsync(Key, _token, _timeToLive, cancellationToken).ConfigureAwait(false) && IsConfirmed)
            {
                WebhookSignatureLog.LeaseLost(_logger, Key.RegistrationName, _schemeName, Key.Id.ToString());
            }

            return true;
        }

        return await _store.ReleaseAsync(Key, _token, cancellationToken).ConfigureAwait(false) || IsConfirmed;
    }

    private void RetryLater(bool handled, bool answered)
    {
        _wait = FirstRetry;
        if (answered)
        {
            _answeredAt = _time.GetUtcNow();
        }

        _retries.TryStart(FirstRetry, cancellationToken => RetryAsync(handled, cancellationToken));
    }

    // The store's operations act only while the key holds this token (a completion also when it holds nothing), so
    // trying again is safe; what is left after the deadline belongs to the lease and the sender's retry.
    private async ValueTask<TimeSpan?> RetryAsync(bool handled, CancellationToken cancellationToken)
    {
        bool answered;
        try
        {
            if (await TrySettleAsync(handled, cancellationToken).ConfigureAwait(false))
            {
                WebhookSignatureLog.SettledOnRetry(_logger, Key.RegistrationName, _schemeName, handled ? "completed" : "released", Key.Id.ToString());
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

        var now = _time.GetUtcNow();
        if (answered)
        {
            _answeredAt ??= now;
        }

        // Once the store answers, the late write lands within moments: later tries can be rarer.
        var longest = _answeredAt is null ? LongestRetryUnanswered : TimeSpan.FromTicks(Math.Max(LongestRetryUnanswered.Ticks, _lease.Ticks / 8));
        _wait = _wait * 2 < longest ? _wait * 2 : longest;
        var deadline = IsConfirmed ? _reservedAt + _lease
            : _answeredAt is { } answeredAt ? answeredAt + _lease
            : _reservedAt + (_lease * UnansweredLeases);
        return now + _wait < deadline ? _wait : null;
    }
}

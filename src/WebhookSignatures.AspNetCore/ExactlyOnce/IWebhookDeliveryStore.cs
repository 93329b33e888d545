namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Where receivers record which deliveries are being handled and which are done, so each delivery runs its
/// handler exactly once on top of senders' at-least-once retries. Every operation must be atomic across all
/// the instances that share the store: the in-memory store is for one instance, the Redis store
/// (<c>WebhookSignatures.Redis</c>) for several.
/// </summary>
/// <remarks>
/// <para>A delivery moves from absent to reserved (a lease held by one request's token, which it may renew), then either
/// to completed (kept for a time to live) or back to absent when released or when the lease runs out.</para>
/// <para>Any exception means the store is unavailable: the request gets 503 unless fail-open is configured. An operation
/// that threw may still have reached the store and taken effect later (a Redis that was paused, a reply lost on the
/// way), so the caller makes each one safe: a reservation whose answer was lost is released again and again, and a
/// completion or release the store did not confirm is tried again until the lease ends. Completing, renewing and
/// releasing act only while the token still holds the delivery (completing also when nothing holds it), so trying one
/// again never touches another attempt's reservation.</para>
/// </remarks>
public interface IWebhookDeliveryStore
{
    /// <summary>
    /// Whether <see cref="RenewAsync"/> extends a reservation. When it does, the pipeline renews each reservation every
    /// third of its lease while the handler runs, and the lease defaults to thirty seconds, so an instance that dies
    /// mid-handler blocks its delivery only briefly. A store that does not (the default for a store of your own) is never
    /// asked to renew, and its lease defaults to two minutes: keep that above the slowest handler.
    /// </summary>
    bool CanRenew => false;

    /// <summary>Reserves the delivery for <paramref name="token"/>, unless a reservation or a completion already holds it.</summary>
    /// <param name="key">The delivery.</param>
    /// <param name="token">Unique to this attempt; only it can complete or release the reservation.</param>
    /// <param name="lease">How long the reservation holds if it is neither completed nor released (an instance that died).</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>What the store held: nothing (now reserved for the caller), a reservation in flight, or a completion.</returns>
    ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a delivery as handled and keeps it for <paramref name="timeToLive"/>: when <paramref name="token"/> still holds
    /// its reservation, or when nothing holds it any more (the lease ran out and no other attempt took it).
    /// </summary>
    /// <param name="key">The delivery.</param>
    /// <param name="token">The token that reserved it.</param>
    /// <param name="timeToLive">How long duplicates are recognised.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when another attempt holds or completed the delivery since this token's lease ran out.</returns>
    ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the reservation <paramref name="token"/> holds to <paramref name="lease"/> from now, while its handler runs.
    /// The pipeline calls it only when <see cref="CanRenew"/> is <see langword="true"/>.
    /// </summary>
    /// <param name="key">The delivery.</param>
    /// <param name="token">The token that reserved it.</param>
    /// <param name="lease">How long the reservation holds from now.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// <see langword="true"/> when <paramref name="token"/> still held the reservation, which now holds for
    /// <paramref name="lease"/>; <see langword="false"/> when it no longer did (its lease ran out, or it was completed or
    /// released), and nothing changed.
    /// </returns>
    ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Gives a reservation up, so the sender's retry runs the handler again.</summary>
    /// <param name="key">The delivery.</param>
    /// <param name="token">The token that reserved it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the token no longer holds the reservation.</returns>
    ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken);
}

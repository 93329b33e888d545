namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Remembers accepted deliveries so a repeat is refused as <see cref="WebhookFailureReason.Replayed"/>.
/// The built-in implementations are an in-memory cache (one instance) and one over <c>IDistributedCache</c>
/// (several instances); implement it to use an atomic store operation such as Redis <c>SET NX</c>.
/// </summary>
public interface IWebhookReplayCache
{
    /// <summary>
    /// Records <paramref name="key"/> unless it is already present.
    /// </summary>
    /// <param name="key">Identifies a signed delivery (registration, digest and signed timestamp); not secret.</param>
    /// <param name="timeToLive">How long to remember it.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns><see langword="true"/> when the key was recorded now; <see langword="false"/> when it was already there.</returns>
    /// <exception cref="Exception">Any exception means the cache is unavailable: the request gets 503 unless fail-open is configured.</exception>
    ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken);
}

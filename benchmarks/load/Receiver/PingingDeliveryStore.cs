using StackExchange.Redis;
using WebhookSignatures.AspNetCore;

/// <summary>
/// The in-memory store plus one Redis <c>PING</c> before each reservation and each completion, over one connection:
/// what the two round trips of the Redis store cost by themselves, without its commands (<c>--store ping</c>).
/// </summary>
internal sealed class PingingDeliveryStore(IWebhookDeliveryStore memory, IConnectionMultiplexer redis) : IWebhookDeliveryStore
{
    public async ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        await redis.GetDatabase().PingAsync().ConfigureAwait(false);
        return await memory.TryReserveAsync(key, token, lease, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await redis.GetDatabase().PingAsync().ConfigureAwait(false);
        return await memory.CompleteAsync(key, token, timeToLive, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken) =>
        memory.RenewAsync(key, token, lease, cancellationToken);

    public ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken) =>
        memory.ReleaseAsync(key, token, cancellationToken);
}

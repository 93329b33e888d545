using Microsoft.Extensions.Hosting;

namespace WebhookSignatures.Redis;

/// <summary>
/// Connects at start and refuses to start the application while Redis cannot be reached, naming the endpoint and
/// the reason, instead of starting and answering every delivery with 503.
/// </summary>
internal sealed class RedisDeliveryStoreStartupCheck(RedisDeliveryStoreConnection connection) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RedisDeliveryStoreReachability.PingAsync(connection, connection.CheckTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"The webhook delivery store cannot reach Redis at {connection.Endpoints}: {RedisDeliveryStoreReachability.Reason(exception)}. Start Redis or fix the configuration.",
                exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Options;
using WebhookSignatures.Cli.Inspector;
using WebhookSignatures.Cli.Receiving;
using WebhookSignatures.Redis;

namespace WebhookSignatures.Cli.Commands.Listen;

/// <summary>
/// The receiver <c>listen</c> runs: its configuration from the settings (one endpoint, the context's catalog, request
/// capture when something keeps or prints requests, the inspector's routes) and what stops it from starting, said as a
/// usage error.
/// </summary>
internal static class ListenReceiver
{
    public static ReceiverConfiguration Configure(CliContext context, ListenSettings settings, InspectorEndpoints? inspector) => new()
    {
        Urls = settings.Urls,
        Endpoints = [new ReceiverEndpoint(settings.Route, settings.SchemeName, settings.Secrets)],
        Schemes = context.Schemes,
        Tolerance = settings.Tolerance,
        ExactlyOnce = settings.ExactlyOnce,
        Redis = settings.Redis,
        Lease = settings.Lease,
        RedisOptions = options =>
        {
            options.ReplicatedCompletionReplicas = settings.RedisReplicas;
            options.ReplicatedCompletionWait = settings.RedisReplicationWait;
            options.AcceptedDurability = settings.RedisDurability;
        },
        ForwardTo = settings.ForwardTo,
        CaptureRequests = settings.Recorder is not null || inspector is not null || settings.PrintRequests,
        MapRoutes = inspector is null ? null : inspector.Map,
    };

    /// <summary>Starts the receiver; a store, an option or an address it cannot start with is a usage error.</summary>
    public static async Task<WebhookReceiver> StartAsync(ReceiverConfiguration configuration, Action<DeliveryRecord> onDelivery, CancellationToken cancellationToken)
    {
        var redis = configuration.Redis;
        try
        {
            return await WebhookReceiver.StartAsync(configuration, onDelivery, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisDeliveryStoreRefusedException e) when (redis is not null)
        {
            // Redis cannot be reached, or it answered and the store refuses it: it evicts keys, or it is below a strict durability.
            throw new UsageException($"--redis {RedisAddress.Display(redis)}: {e.Message}", e);
        }
        catch (OptionsValidationException e) when (redis is not null && e.OptionsType == typeof(RedisWebhookDeliveryStoreOptions))
        {
            throw new UsageException($"--redis {RedisAddress.Display(redis)}: {string.Join(" ", e.Failures)}", e);
        }
        catch (OptionsValidationException e)
        {
            // What the library refuses at start-up; its messages name settings, never a secret.
            throw new UsageException($"The receiver cannot start with these options: {string.Join(" ", e.Failures)}", e);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or UriFormatException)
        {
            throw new UsageException($"Cannot listen on '{configuration.Urls}': {e.Message}", e);
        }
    }
}

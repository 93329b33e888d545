using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebhookSignatures.Redis;

namespace WebhookSignatures.AspNetCore;

/// <summary>Puts the delivery store (exactly-once handling) in Redis, shared by every instance of the application.</summary>
public static class WebhookSignaturesBuilderRedisExtensions
{
    /// <summary>
    /// Keeps deliveries in the Redis at <paramref name="configuration"/>, over one connection the store opens for
    /// the application: <c>services.AddWebhookSignatures().AddRedisDeliveryStore("127.0.0.1:6379")</c>.
    /// The application refuses to start while that Redis cannot be reached.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c>.</param>
    public static WebhookSignaturesBuilder AddRedisDeliveryStore(this WebhookSignaturesBuilder builder, string configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return builder.AddRedisDeliveryStore(options => options.Configuration = configuration);
    }

    /// <summary>
    /// Keeps deliveries in Redis with the given options: over a connection the store opens from
    /// <see cref="RedisWebhookDeliveryStoreOptions.Configuration"/>, or, when that is not set, over the
    /// <c>IConnectionMultiplexer</c> registered in the application's services. The application refuses to start
    /// while Redis cannot be reached.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the configuration string, key prefix and timeouts.</param>
    public static WebhookSignaturesBuilder AddRedisDeliveryStore(this WebhookSignaturesBuilder builder, Action<RedisWebhookDeliveryStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<RedisWebhookDeliveryStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisWebhookDeliveryStoreOptions>, RedisWebhookDeliveryStoreOptionsValidator>());
        services.TryAddSingleton(RedisDeliveryStoreConnection.Create);
        services.Replace(ServiceDescriptor.Singleton<IWebhookDeliveryStore>(static sp => new RedisWebhookDeliveryStore(sp.GetRequiredService<RedisDeliveryStoreConnection>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisDeliveryStoreStartupCheck>());
        return builder;
    }

    /// <summary>
    /// Keeps deliveries in Redis over the <c>IConnectionMultiplexer</c> registered in the application's services,
    /// with keys under <c>webhooksig:</c>, so the application keeps one connection to Redis for everything.
    /// The application refuses to start while that Redis cannot be reached.
    /// </summary>
    /// <param name="builder">The builder.</param>
    public static WebhookSignaturesBuilder AddRedisDeliveryStore(this WebhookSignaturesBuilder builder) =>
        builder.AddRedisDeliveryStore(static _ => { });
}

using Microsoft.Extensions.Logging;

namespace WebhookSignatures.Redis;

/// <summary>The Redis delivery store's log messages, with stable event ids.</summary>
internal static partial class RedisDeliveryStoreLog
{
    [LoggerMessage(101, LogLevel.Information, "Webhook delivery store: {Facts}.", EventName = "WebhookRedisFacts")]
    public static partial void Facts(ILogger logger, string facts);

    [LoggerMessage(102, LogLevel.Warning, "Webhook delivery store's Redis is below the durability the application accepts ({Accepted}): {Shortfall} {Facts}.", EventName = "WebhookRedisBelowDurability")]
    public static partial void BelowDurability(ILogger logger, RedisDeliveryStoreDurability accepted, string shortfall, string facts);

    [LoggerMessage(103, LogLevel.Warning, "Webhook delivery store's Redis evicts keys, which the application allows (AllowEvictingRedis): an evicted completion runs its duplicate's handler again. {Facts}.", EventName = "WebhookRedisEvictionAllowed")]
    public static partial void EvictionAllowed(ILogger logger, string facts);

    [LoggerMessage(104, LogLevel.Warning, "Webhook delivery store cannot tell what Redis at {Endpoints} can lose: the application's connection does not allow INFO (StackExchange.Redis needs allowAdmin=true for it). Eviction and persistence are not checked.", EventName = "WebhookRedisFactsUnknown")]
    public static partial void FactsUnknown(ILogger logger, string endpoints);
}

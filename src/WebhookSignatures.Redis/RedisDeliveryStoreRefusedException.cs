namespace WebhookSignatures.Redis;

/// <summary>
/// The delivery store's start-up check refused to start: Redis cannot be reached, evicts keys, or is below a durability
/// the application requires. Its message names the endpoint or the setting and the way out.
/// </summary>
internal sealed class RedisDeliveryStoreRefusedException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);

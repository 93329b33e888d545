using Microsoft.Extensions.Logging;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>The EF Core delivery store's log messages, with stable event ids.</summary>
internal static partial class EntityFrameworkDeliveryStoreLog
{
    [LoggerMessage(101, LogLevel.Warning, "Webhook delivery's transaction refused: its reservation was lost to another attempt (the lease ran out), so its work rolls back: registration {Registration}, delivery {Delivery}.", EventName = "WebhookDeliveryTransactionFenced")]
    public static partial void Fenced(ILogger logger, string registration, string delivery);

    [LoggerMessage(102, LogLevel.Warning, "Webhook delivery's handler committed a second transaction after the one that completed the delivery; a crash between the two loses the later one's work, so keep a handler's effects in one transaction: registration {Registration}, delivery {Delivery}.", EventName = "WebhookDeliverySecondCommit")]
    public static partial void SecondCommit(ILogger logger, string registration, string delivery);

    [LoggerMessage(103, LogLevel.Information, "Webhook delivery's retried save found its earlier commit landed (the delivery is completed by this attempt); the retry's writes are rolled back and the save reports success: registration {Registration}, delivery {Delivery}.", EventName = "WebhookDeliveryRetriedCommitVerified")]
    public static partial void RetriedCommitVerified(ILogger logger, string registration, string delivery);

    [LoggerMessage(104, LogLevel.Debug, "Webhook delivery store deleted {Count} expired deliveries.", EventName = "WebhookDeliveryCleanup")]
    public static partial void CleanedUp(ILogger logger, int count);

    [LoggerMessage(105, LogLevel.Error, "Webhook delivery store could not delete expired deliveries; trying again later.", EventName = "WebhookDeliveryCleanupFailed")]
    public static partial void CleanupFailed(ILogger logger, Exception exception);

    [LoggerMessage(106, LogLevel.Information, "Webhook delivery store: {Database} through {Context}, deliveries completed in the handler's own transaction.", EventName = "WebhookDeliveryStoreStarted")]
    public static partial void Started(ILogger logger, string database, string context);
}

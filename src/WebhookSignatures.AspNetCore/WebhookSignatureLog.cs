using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The package's log messages with stable event ids. They carry registration, scheme, outcome, reason and
/// remote address; never a secret, a signature or a body.
/// </summary>
internal static partial class WebhookSignatureLog
{
    [LoggerMessage(1, LogLevel.Debug, "Webhook accepted: registration {Registration}, scheme {Scheme}, key {KeyIndex}, event {EventName}, delivery {DeliveryId}, remote {RemoteAddress}.", EventName = "WebhookAccepted")]
    public static partial void Accepted(ILogger logger, string registration, string scheme, int keyIndex, string? eventName, string? deliveryId, string? remoteAddress);

    [LoggerMessage(2, LogLevel.Warning, "Webhook rejected: registration {Registration}, scheme {Scheme}, reason {Reason}, remote {RemoteAddress}.", EventName = "WebhookRejected")]
    public static partial void Rejected(ILogger logger, string registration, string scheme, WebhookFailureReason reason, string? remoteAddress);

    [LoggerMessage(3, LogLevel.Warning, "Webhook body too large: registration {Registration}, scheme {Scheme}, limit {MaxBodySize} bytes, remote {RemoteAddress}.", EventName = "WebhookBodyTooLarge")]
    public static partial void BodyTooLarge(ILogger logger, string registration, string scheme, long maxBodySize, string? remoteAddress);

    [LoggerMessage(4, LogLevel.Warning, "Webhook replayed: registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookReplayed")]
    public static partial void Replayed(ILogger logger, string registration, string scheme, string? remoteAddress);

    [LoggerMessage(5, LogLevel.Error, "Webhook replay cache unavailable, delivery refused: registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookReplayCacheUnavailable")]
    public static partial void ReplayCacheUnavailable(ILogger logger, Exception exception, string registration, string scheme, string? remoteAddress);

    [LoggerMessage(6, LogLevel.Warning, "Webhook replay cache unavailable, delivery accepted without replay protection (fail-open is configured): registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookReplayCacheUnavailableAccepted")]
    public static partial void ReplayCacheUnavailableAccepted(ILogger logger, Exception exception, string registration, string scheme, string? remoteAddress);

    [LoggerMessage(7, LogLevel.Error, "Webhook registration {Registration} has invalid options, deliveries are refused until they are fixed: {Failures}", EventName = "WebhookInvalidOptions")]
    public static partial void InvalidOptions(ILogger logger, string registration, string failures);

    [LoggerMessage(8, LogLevel.Warning, "Webhook body not received within {Timeout}: registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookBodyReadTimedOut")]
    public static partial void BodyReadTimedOut(ILogger logger, string registration, string scheme, TimeSpan timeout, string? remoteAddress);

    // The cause is the exception's type only: its message belongs to the server and is not needed to act on this.
    [LoggerMessage(9, LogLevel.Information, "Webhook body not received in full ({Cause}): registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookBodyIncomplete")]
    public static partial void BodyIncomplete(ILogger logger, string cause, string registration, string scheme, string? remoteAddress);
}

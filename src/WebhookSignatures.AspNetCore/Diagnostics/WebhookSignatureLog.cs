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

    [LoggerMessage(4, LogLevel.Information, "Webhook duplicate of a handled delivery acknowledged, handler not run: registration {Registration}, scheme {Scheme}, delivery {Delivery}, remote {RemoteAddress}.", EventName = "WebhookDuplicate")]
    public static partial void Duplicate(ILogger logger, string registration, string scheme, string delivery, string? remoteAddress);

    [LoggerMessage(5, LogLevel.Error, "Webhook delivery store unavailable, delivery refused: registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookDeliveryStoreUnavailable")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, string registration, string scheme, string? remoteAddress);

    [LoggerMessage(6, LogLevel.Warning, "Webhook delivery store unavailable, handler run without exactly-once handling (fail-open is configured): registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookDeliveryStoreUnavailableAccepted")]
    public static partial void StoreUnavailableAccepted(ILogger logger, Exception exception, string registration, string scheme, string? remoteAddress);

    [LoggerMessage(7, LogLevel.Error, "Webhook registration {Registration} has invalid options, deliveries are refused until they are fixed: {Failures}", EventName = "WebhookInvalidOptions")]
    public static partial void InvalidOptions(ILogger logger, string registration, string failures);

    [LoggerMessage(8, LogLevel.Warning, "Webhook body not received within {Timeout}: registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookBodyReadTimedOut")]
    public static partial void BodyReadTimedOut(ILogger logger, string registration, string scheme, TimeSpan timeout, string? remoteAddress);

    // The cause is the exception's type only: its message belongs to the server and is not needed to act on this.
    [LoggerMessage(9, LogLevel.Information, "Webhook body not received in full ({Cause}): registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookBodyIncomplete")]
    public static partial void BodyIncomplete(ILogger logger, string cause, string registration, string scheme, string? remoteAddress);

    [LoggerMessage(10, LogLevel.Information, "Webhook duplicate while the delivery is being handled, told to retry later: registration {Registration}, scheme {Scheme}, delivery {Delivery}, remote {RemoteAddress}.", EventName = "WebhookInFlight")]
    public static partial void InFlight(ILogger logger, string registration, string scheme, string delivery, string? remoteAddress);

    [LoggerMessage(11, LogLevel.Information, "Webhook delivery released for the sender's retry, {Cause}: registration {Registration}, scheme {Scheme}, delivery {Delivery}.", EventName = "WebhookDeliveryReleased")]
    public static partial void Released(ILogger logger, string cause, string registration, string scheme, string delivery);

    [LoggerMessage(12, LogLevel.Warning, "Webhook delivery's reservation was no longer held when its handler finished, so another attempt may have run it too (with a store that does not renew leases, raise ExactlyOnce:LeaseDuration above the slowest handler): registration {Registration}, scheme {Scheme}, delivery {Delivery}.", EventName = "WebhookDeliveryLeaseLost")]
    public static partial void LeaseLost(ILogger logger, string registration, string scheme, string delivery);

    [LoggerMessage(13, LogLevel.Error, "Webhook delivery store failed to {Operation} a delivery; retrying in the background: registration {Registration}, scheme {Scheme}, delivery {Delivery}.", EventName = "WebhookDeliverySettleFailed")]
    public static partial void SettleFailed(ILogger logger, Exception exception, string registration, string scheme, string operation, string delivery);

    [LoggerMessage(14, LogLevel.Error, "Webhook endpoint {Endpoint} is misconfigured, request refused: {Problem}", EventName = "WebhookConfigurationError")]
    public static partial void ConfigurationError(ILogger logger, string? endpoint, string problem);

    [LoggerMessage(15, LogLevel.Information, "Webhook delivery {Outcome} once the delivery store answered again: registration {Registration}, scheme {Scheme}, delivery {Delivery}.", EventName = "WebhookDeliverySettledOnRetry")]
    public static partial void SettledOnRetry(ILogger logger, string registration, string scheme, string outcome, string delivery);

    [LoggerMessage(16, LogLevel.Information, "Webhook handshake answered {Status}, handler not run: registration {Registration}, scheme {Scheme}, remote {RemoteAddress}.", EventName = "WebhookHandshakeAnswered")]
    public static partial void HandshakeAnswered(ILogger logger, int status, string registration, string scheme, string? remoteAddress);

    [LoggerMessage(17, LogLevel.Warning, "Webhook registration {Registration}: {Setting} {Where}, which is part of the key and used as given; a secret read from a file or a variable often carries whitespace the sender's secret does not.", EventName = "WebhookSecretWhitespace")]
    public static partial void SecretWhitespace(ILogger logger, string registration, string setting, string where);

    [LoggerMessage(18, LogLevel.Warning, "Webhook delivery store retries are at their limit of {Limit}; a delivery the store did not settle is left to its lease.", EventName = "WebhookDeliveryStoreRetriesFull")]
    public static partial void StoreRetriesFull(ILogger logger, int limit);

    // The reason is one of not_held, unanswered, expired: the metric's tag, so that a log line and a count can be matched.
    [LoggerMessage(19, LogLevel.Warning, "Webhook delivery's reservation was lost while its handler ran ({Reason}); its ReservationLost token fired, and the sender's retry may run the handler again: registration {Registration}, scheme {Scheme}, delivery {Delivery}.", EventName = "WebhookDeliveryReservationLost")]
    public static partial void ReservationLost(ILogger logger, string reason, string registration, string scheme, string delivery);

    [LoggerMessage(20, LogLevel.Information, "Webhook delivery store failed to renew a lease; trying again until the lease ends: registration {Registration}, scheme {Scheme}, delivery {Delivery}.", EventName = "WebhookDeliveryRenewFailed")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string registration, string scheme, string delivery);

    [LoggerMessage(21, LogLevel.Error, "Webhook OnOutcome callback failed for a {Outcome} outcome; the pipeline's answer was sent instead: registration {Registration}.", EventName = "WebhookOutcomeCallbackFailed")]
    public static partial void OutcomeCallbackFailed(ILogger logger, Exception exception, WebhookOutcome outcome, string registration);

    [LoggerMessage(22, LogLevel.Warning, "Webhook registration {Registration} (scheme {Scheme}) has refused {Count} deliveries in a row as SignatureMismatch and accepted none: its secret is the likely cause, not tampering (another endpoint's or environment's secret, a prefix such as whsec_ left out, a line break or space at an end). Save a refused delivery (webhooksig listen --save, or copy its headers and body) and run `webhooksig verify --scheme {Scheme} --secret <the configured secret> --header \"<Name>: <value>\" --body-file <path>`, which names the cause.", EventName = "WebhookSecretLikelyWrong")]
    public static partial void SecretLikelyWrong(ILogger logger, string registration, string scheme, int count);

    [LoggerMessage(23, LogLevel.Warning, "Webhook delivery completed, but not replicated in time ({Detail}); the 2xx stands, and the completion is tried again until the replicas hold it or the lease ends: registration {Registration}, scheme {Scheme}, delivery {Delivery}.", EventName = "WebhookDeliveryCompletionNotReplicated")]
    public static partial void CompletionNotReplicated(ILogger logger, string detail, string registration, string scheme, string delivery);
}

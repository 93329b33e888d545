using Microsoft.Extensions.Logging;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// Reads the ASP.NET Core package's stable log events (by event name) to learn why a delivery was refused, and
/// records it on the current <see cref="DeliveryObservation"/>; it writes nothing anywhere.
/// </summary>
internal sealed class VerifierLogObserver : ILoggerProvider, ILogger
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => this;

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (DeliveryObservation.Current is not { } observation)
        {
            return;
        }

        switch (eventId.Name)
        {
            case "WebhookRejected":
                observation.Reason = ReadReason(state) ?? "Rejected";
                break;
            case "WebhookDuplicate":
                observation.Reason = ReceiverReasons.Duplicate;
                break;
            case "WebhookInFlight":
                observation.Reason = ReceiverReasons.InFlight;
                break;
            case "WebhookBodyTooLarge":
                observation.Reason = nameof(WebhookFailureReason.BodyTooLarge);
                break;
            case "WebhookDeliveryStoreUnavailable":
                observation.Reason = ReceiverReasons.StoreUnavailable;
                break;
            case "WebhookInvalidOptions":
                observation.Reason = "InvalidOptions";
                break;
            case "WebhookBodyReadTimedOut":
                observation.Reason = "BodyReadTimedOut";
                break;
            case "WebhookBodyIncomplete":
                observation.Reason = "BodyIncomplete";
                break;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string? ReadReason<TState>(TState state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                if (key == "Reason")
                {
                    return value?.ToString();
                }
            }
        }

        return null;
    }
}

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Thrown by <see cref="IWebhookDeliveryStore.CompleteAsync"/> when the completion is recorded but fewer replicas than
/// asked for acknowledged it within the wait configured for it. The handler has succeeded, so the pipeline still answers
/// 2xx and counts the completion as done; it logs the shortfall and counts it
/// (<see cref="WebhookSignatureMeter.CompletionsNotReplicatedInstrument"/>), since a failover before the replicas catch up
/// can forget the completion and run the handler for a duplicate again.
/// </summary>
public sealed class WebhookCompletionNotReplicatedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public WebhookCompletionNotReplicatedException()
        : this("The completion was recorded but not replicated in time.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public WebhookCompletionNotReplicatedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookCompletionNotReplicatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the replicas asked for and those that acknowledged the completion.</summary>
    /// <param name="required">How many replicas had to acknowledge the completion.</param>
    /// <param name="acknowledged">How many did within the wait.</param>
    public WebhookCompletionNotReplicatedException(int required, int acknowledged)
        : this($"The completion was recorded but acknowledged by {acknowledged} of the {required} replicas required within the wait.")
    {
        Required = required;
        Acknowledged = acknowledged;
    }

    /// <summary>How many replicas had to acknowledge the completion.</summary>
    public int Required { get; }

    /// <summary>How many replicas acknowledged it within the wait.</summary>
    public int Acknowledged { get; }
}

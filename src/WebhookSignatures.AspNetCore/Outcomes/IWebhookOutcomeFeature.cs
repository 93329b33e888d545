namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Set on <c>HttpContext.Features</c> when the pipeline answered a delivery itself instead of running its handler
/// (refused it, acknowledged a duplicate, answered a handshake), so middleware that runs afterwards (logging, a
/// development tool) learns what happened without reading logs. Read it with <c>HttpContext.GetWebhookOutcome()</c>.
/// </summary>
public interface IWebhookOutcomeFeature
{
    /// <summary>The registration the request was verified for; <c>unknown</c> for a misconfigured endpoint.</summary>
    string RegistrationName { get; }

    /// <summary>Why the handler did not run.</summary>
    WebhookOutcome Outcome { get; }

    /// <summary>The signature failure when <see cref="Outcome"/> is <see cref="WebhookOutcome.Unverified"/>; <see cref="WebhookFailureReason.None"/> otherwise.</summary>
    WebhookFailureReason FailureReason { get; }
}

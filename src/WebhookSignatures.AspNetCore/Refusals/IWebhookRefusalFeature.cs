namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Set on <c>HttpContext.Features</c> when the verifier answered a request itself (refused it, or acknowledged a
/// duplicate) instead of running its handler, so middleware that runs afterwards (logging, a development tool) learns
/// what happened without reading logs. Read it with <c>HttpContext.GetWebhookRefusal()</c>.
/// </summary>
public interface IWebhookRefusalFeature
{
    /// <summary>The registration the request was verified for; <c>unknown</c> for a misconfigured endpoint.</summary>
    string RegistrationName { get; }

    /// <summary>Why the handler did not run.</summary>
    WebhookRefusalReason Reason { get; }

    /// <summary>The signature failure when <see cref="Reason"/> is <see cref="WebhookRefusalReason.Unverified"/>; <see cref="WebhookFailureReason.None"/> otherwise.</summary>
    WebhookFailureReason FailureReason { get; }
}

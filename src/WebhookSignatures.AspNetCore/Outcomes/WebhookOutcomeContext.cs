using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A delivery the pipeline answered itself instead of running its handler (refused it, acknowledged a duplicate, answered
/// a handshake), and why: what <see cref="WebhookRegistrationOptions.OnOutcome"/> is given once the status is set, and
/// what <c>HttpContext.GetWebhookOutcome()</c> returns to middleware that runs afterwards (logging, a development tool),
/// so the application learns what happened without reading logs.
/// </summary>
public sealed class WebhookOutcomeContext
{
    internal WebhookOutcomeContext(HttpContext httpContext, string registrationName, WebhookOutcome outcome, WebhookFailureReason failureReason = WebhookFailureReason.None)
    {
        HttpContext = httpContext;
        RegistrationName = registrationName;
        Outcome = outcome;
        FailureReason = failureReason;
    }

    /// <summary>The request. A callback that starts its response writes the answer; otherwise the pipeline's own follows.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The registration the request was verified for; <c>unknown</c> for a misconfigured endpoint.</summary>
    public string RegistrationName { get; }

    /// <summary>Why the handler did not run.</summary>
    public WebhookOutcome Outcome { get; }

    /// <summary>The signature failure when <see cref="Outcome"/> is <see cref="WebhookOutcome.Unverified"/>; <see cref="WebhookFailureReason.None"/> otherwise.</summary>
    public WebhookFailureReason FailureReason { get; }
}

using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A delivery the pipeline answered itself instead of running its handler, and why: what
/// <see cref="WebhookRegistrationOptions.OnOutcome"/> is given once the status is set, and what
/// <c>HttpContext.GetWebhookOutcome()</c> returns afterwards.
/// </summary>
public sealed class WebhookOutcomeContext : IWebhookOutcomeFeature
{
    internal WebhookOutcomeContext(HttpContext httpContext, string registrationName, WebhookOutcome outcome, WebhookFailureReason failureReason)
    {
        HttpContext = httpContext;
        RegistrationName = registrationName;
        Outcome = outcome;
        FailureReason = failureReason;
    }

    /// <summary>The request. A callback that starts its response writes the answer; otherwise the pipeline's own follows.</summary>
    public HttpContext HttpContext { get; }

    /// <inheritdoc />
    public string RegistrationName { get; }

    /// <inheritdoc />
    public WebhookOutcome Outcome { get; }

    /// <inheritdoc />
    public WebhookFailureReason FailureReason { get; }
}

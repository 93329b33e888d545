using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>Access to the webhook verification of a request.</summary>
public static class WebhookHttpContextExtensions
{
    /// <summary>
    /// Returns what verification found for this request, or <see langword="null"/> when the request was not
    /// verified (its endpoint requires no webhook signature).
    /// </summary>
    /// <param name="context">The request's context.</param>
    public static IWebhookVerificationFeature? GetWebhookVerification(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IWebhookVerificationFeature>();
    }

    /// <summary>
    /// Returns why the pipeline answered this request itself instead of running its handler (a refusal, an acknowledged
    /// duplicate, an answered handshake), or <see langword="null"/> when it did not.
    /// </summary>
    /// <param name="context">The request's context.</param>
    public static WebhookOutcomeContext? GetWebhookOutcome(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<WebhookOutcomeContext>();
    }
}

using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// What <see cref="WebhookRegistrationOptions.OnRefused"/> is given: the request, whose status is already set, and why it
/// was refused. A callback that starts the response writes it; otherwise the default body follows.
/// </summary>
public sealed class WebhookRefusedContext
{
    internal WebhookRefusedContext(HttpContext httpContext, IWebhookRefusalFeature refusal)
    {
        HttpContext = httpContext;
        Refusal = refusal;
    }

    /// <summary>The refused request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Why it was refused.</summary>
    public IWebhookRefusalFeature Refusal { get; }
}

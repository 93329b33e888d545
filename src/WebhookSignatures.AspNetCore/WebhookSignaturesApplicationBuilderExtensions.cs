using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace WebhookSignatures.AspNetCore;

/// <summary>Adds webhook signature verification to the request pipeline.</summary>
public static class WebhookSignaturesApplicationBuilderExtensions
{
    /// <summary>
    /// Verifies every request whose endpoint requires a webhook signature (<c>RequireWebhookSignature(name)</c>
    /// or <see cref="RequireWebhookSignatureAttribute"/>) before the endpoint runs. Place it after routing
    /// (<c>WebApplication</c> routes first by default) and before anything that reads the body.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <exception cref="InvalidOperationException"><c>services.AddWebhookSignatures()</c> was not called.</exception>
    public static IApplicationBuilder UseWebhookSignatures(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<WebhookDeliveryPipeline>() is null)
        {
            throw new InvalidOperationException("UseWebhookSignatures() needs services.AddWebhookSignatures() at start-up.");
        }

        return app.UseMiddleware<WebhookSignatureMiddleware>();
    }
}

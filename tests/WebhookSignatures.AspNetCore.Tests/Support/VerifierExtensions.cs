using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>Drives the pipeline directly on a hand-made context, as the adapters do.</summary>
internal static class VerifierExtensions
{
    /// <summary>
    /// Whether the handler ran. The handler does nothing and reports a failure, so a reservation taken is released and
    /// the same delivery can be verified again.
    /// </summary>
    public static Task<bool> VerifyAsync(this WebhookDeliveryPipeline pipeline, HttpContext context, string registrationName)
    {
        context.RequestServices.GetService(typeof(WebhookDeliveryPipeline)).Should().BeSameAs(pipeline, "the context's services hold the pipeline under test");
        return WebhookDeliveryPipeline.RunAsync(context, registrationName, 0, static (_, _) => Task.FromResult(false));
    }
}

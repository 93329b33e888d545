using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Runs requests whose endpoint carries <see cref="IWebhookSignatureMetadata"/> through the delivery pipeline before the
/// rest of the application's pipeline; passes every other request through untouched. Added by
/// <c>app.UseWebhookSignatures()</c>. Endpoints are verified without it too (the endpoint itself refuses to run
/// unverified); the middleware moves verification ahead of whatever follows it.
/// </summary>
internal sealed class WebhookSignatureMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IWebhookSignatureMetadata>();
        if (metadata is null || metadata.Count == 0)
        {
            return next(context);
        }

        // One requirement is the usual case, and needs no walk over the metadata.
        var requirement = metadata.Count == 1 ? new WebhookSignatureRequirement(metadata[0].RegistrationName, null) : WebhookSignatureRequirement.From(metadata);
        return requirement.Problem is { } problem
            ? WebhookDeliveryPipeline.RefuseMisconfiguredAsync(context, problem)
            : WebhookDeliveryPipeline.RunAsync(context, requirement.RegistrationName!, next);
    }
}

using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Verifies requests whose endpoint carries <see cref="IWebhookSignatureMetadata"/> before the endpoint runs;
/// passes every other request through untouched. Added by <c>app.UseWebhookSignatures()</c>.
/// </summary>
internal sealed class WebhookSignatureMiddleware(RequestDelegate next, WebhookRequestVerifier verifier)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IWebhookSignatureMetadata>();
        if (metadata is null || await verifier.VerifyAsync(context, metadata.RegistrationName).ConfigureAwait(false))
        {
            await next(context).ConfigureAwait(false);
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>Requires webhook signatures on endpoints and route groups.</summary>
public static class WebhookSignatureEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires a valid signature for <paramref name="registrationName"/> on the endpoint, or on every endpoint
    /// of a route group. The request is verified before parameter binding and the handler, with or without
    /// <c>UseWebhookSignatures()</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder, returned so conventions such as <c>AllowAnonymous()</c> chain.</param>
    /// <param name="registrationName">The registration name.</param>
    public static TBuilder RequireWebhookSignature<TBuilder>(this TBuilder builder, string registrationName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new RequireWebhookSignatureAttribute(registrationName);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));

        // Wrapping the final request delegate (rather than adding an endpoint filter) verifies before minimal
        // APIs bind parameters from the body, so a handler's arguments come only from verified bytes.
        builder.Finally(endpoint =>
        {
            var inner = endpoint.RequestDelegate;
            if (inner is null)
            {
                return;
            }

            // When the middleware has already verified this request, go straight on: resolving the verifier
            // would create the request's service scope for nothing.
            endpoint.RequestDelegate = context =>
                context.Features.Get<IWebhookVerificationFeature>() is { } done && done.RegistrationName == registrationName
                    ? inner(context)
                    : VerifyThenInvokeAsync(context, registrationName, inner);
        });
        return builder;
    }

    private static async Task VerifyThenInvokeAsync(HttpContext context, string registrationName, RequestDelegate inner)
    {
        if (await WebhookRequestVerifier.Get(context).VerifyAsync(context, registrationName).ConfigureAwait(false))
        {
            await inner(context).ConfigureAwait(false);
        }
    }
}

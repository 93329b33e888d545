using Microsoft.AspNetCore.Builder;

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
        // APIs bind parameters from the body, so a handler's arguments come only from verified bytes. It runs after
        // every convention, so a route group's requirement and the endpoint's own are read together.
        builder.Finally(endpoint =>
        {
            if (endpoint.RequestDelegate is { } inner && !WebhookSignatureEnforcedMetadata.IsEnforced(inner, endpoint.Metadata))
            {
                endpoint.RequestDelegate = WebhookSignatureEnforcement.Wrap(inner, WebhookSignatureRequirement.From(endpoint.Metadata));
                endpoint.Metadata.Add(new WebhookSignatureEnforcedMetadata(endpoint.RequestDelegate));
            }
        });
        return builder;
    }
}

using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>Wraps an endpoint's request delegate so that its signature requirement is verified before anything of it runs.</summary>
internal static class WebhookSignatureEnforcement
{
    /// <summary>
    /// The delegate that runs <paramref name="inner"/> (parameter binding included, so a handler's arguments come only
    /// from verified bytes) through the delivery pipeline; a contradictory requirement answers 500.
    /// </summary>
    public static RequestDelegate Wrap(RequestDelegate inner, WebhookSignatureRequirement requirement)
    {
        if (requirement.Problem is { } problem)
        {
            return context => WebhookDeliveryPipeline.RefuseMisconfiguredAsync(context, problem);
        }

        var name = requirement.RegistrationName!;
        return context => WebhookDeliveryPipeline.RunAsync(context, name, inner);
    }
}

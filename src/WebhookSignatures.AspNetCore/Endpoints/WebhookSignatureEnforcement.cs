using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>Wraps an endpoint's request delegate so that its signature requirement is verified before anything of it runs.</summary>
internal static class WebhookSignatureEnforcement
{
    /// <summary>
    /// The delegate that verifies <paramref name="requirement"/> and then runs <paramref name="inner"/> (parameter binding
    /// included, so a handler's arguments come only from verified bytes); a contradictory requirement answers 500.
    /// </summary>
    public static RequestDelegate Wrap(RequestDelegate inner, WebhookSignatureRequirement requirement)
    {
        if (requirement.Problem is { } problem)
        {
            return context => WebhookRequestVerifier.Get(context).RefuseMisconfiguredAsync(context, problem);
        }

        var name = requirement.RegistrationName!;

        // When the middleware has already verified this request, go straight on: resolving the verifier would
        // create the request's service scope for nothing.
        return context => WebhookRequestVerifier.IsVerified(context, name)
            ? inner(context)
            : WebhookRequestVerifier.Get(context).InvokeAsync(context, name, inner);
    }
}

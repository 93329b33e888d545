using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Requires a valid webhook signature for a registration, on an MVC controller or action, or as endpoint metadata
/// (<c>WithMetadata</c>) on any endpoint. Routing makes every endpoint that carries it verify the request before
/// anything of the endpoint runs (model and parameter binding included), with or without <c>UseWebhookSignatures()</c>;
/// on MVC it is also a resource filter, for applications that do not route to endpoints.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequireWebhookSignatureAttribute : Attribute, IWebhookSignatureMetadata, IAsyncResourceFilter
{
    /// <summary>Requires a signature for the registration named <paramref name="registrationName"/>.</summary>
    /// <param name="registrationName">The registration name.</param>
    public RequireWebhookSignatureAttribute(string registrationName)
    {
        ArgumentException.ThrowIfNullOrEmpty(registrationName);
        RegistrationName = registrationName;
    }

    /// <inheritdoc />
    public string RegistrationName { get; }

    /// <inheritdoc />
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (WebhookRequestVerifier.IsVerified(http, RegistrationName))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var admission = await WebhookRequestVerifier.Get(http).AdmitAsync(http, RegistrationName).ConfigureAwait(false);
        if (!admission.Admitted)
        {
            // The verifier has written the response; an empty result stops MVC from running the action.
            context.Result = new EmptyResult();
            return;
        }

        var handled = false;
        try
        {
            var executed = await next().ConfigureAwait(false);
            handled = (executed.Exception is null || executed.ExceptionHandled) && WebhookRequestVerifier.Handled(http);
        }
        finally
        {
            if (admission.Reservation is { } reservation)
            {
                await reservation.SettleAsync(handled, http.Response.StatusCode).ConfigureAwait(false);
            }
        }
    }
}

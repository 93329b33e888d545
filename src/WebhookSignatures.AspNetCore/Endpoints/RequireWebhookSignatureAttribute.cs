using Microsoft.AspNetCore.Http;
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
        if (!await WebhookDeliveryPipeline.RunAsync(context.HttpContext, RegistrationName, next, RunAction).ConfigureAwait(false))
        {
            // The pipeline has answered the request; an empty result stops MVC from running the action.
            context.Result = new EmptyResult();
        }
    }

    // An action's exception that MVC kept for its exception filters fails the delivery, unless one of them handled it.
    private static async Task<bool> RunAction(ResourceExecutionDelegate next, HttpContext context)
    {
        var executed = await next().ConfigureAwait(false);
        return executed.Exception is null || executed.ExceptionHandled;
    }
}

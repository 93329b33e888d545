using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Requires a valid webhook signature for a registration. On an MVC controller or action it verifies the
/// request itself, before model binding; on a minimal API handler it is endpoint metadata for
/// <see cref="WebhookSignatureMiddleware"/> (add <c>app.UseWebhookSignatures()</c>, or use
/// <c>RequireWebhookSignature(name)</c> on the endpoint instead).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequireWebhookSignatureAttribute : Attribute, IWebhookSignatureMetadata, IAsyncAuthorizationFilter
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
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var verifier = WebhookRequestVerifier.Get(context.HttpContext);
        if (!await verifier.VerifyAsync(context.HttpContext, RegistrationName).ConfigureAwait(false))
        {
            // The verifier has written the response; an empty result stops MVC from running the action.
            context.Result = new EmptyResult();
        }
    }
}

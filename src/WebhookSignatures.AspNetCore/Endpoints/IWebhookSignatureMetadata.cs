namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Endpoint metadata saying that requests to the endpoint must carry a valid webhook signature for a
/// registration. <see cref="WebhookSignatureMiddleware"/> verifies every endpoint that has it.
/// </summary>
public interface IWebhookSignatureMetadata
{
    /// <summary>The registration name given to <c>AddScheme</c>, <c>AddInfisical</c>, <c>AddSnyk</c> or <c>AddGitHub</c>.</summary>
    string RegistrationName { get; }
}

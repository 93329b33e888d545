namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>The three ways an application asks for verification.</summary>
public enum Shape
{
    /// <summary><c>UseWebhookSignatures()</c> with endpoint metadata.</summary>
    Middleware,

    /// <summary><c>RequireWebhookSignature(name)</c> on endpoints and a route group, no middleware.</summary>
    Convention,

    /// <summary><c>[RequireWebhookSignature(name)]</c> on MVC controller actions, no middleware.</summary>
    Mvc,
}

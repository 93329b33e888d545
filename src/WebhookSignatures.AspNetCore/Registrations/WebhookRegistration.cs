namespace WebhookSignatures.AspNetCore;

/// <summary>A registration name and the factory that builds its scheme from the current options.</summary>
internal sealed class WebhookRegistration(string name, Func<WebhookSchemeOptions, WebhookScheme> schemeFactory)
{
    public string Name { get; } = name;

    public WebhookScheme CreateScheme(WebhookSchemeOptions options) => schemeFactory(options);
}

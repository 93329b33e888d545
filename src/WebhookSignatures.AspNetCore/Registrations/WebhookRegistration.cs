namespace WebhookSignatures.AspNetCore;

/// <summary>A registration name and the name of its scheme in the application's <see cref="WebhookSchemeCatalog"/>.</summary>
internal sealed class WebhookRegistration(string name, string schemeName)
{
    public string Name { get; } = name;

    public string SchemeName { get; } = schemeName;
}

using Microsoft.Extensions.Configuration;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A registration name, the name of its scheme in the application's <see cref="WebhookSchemeCatalog"/>, and the
/// configuration it was bound from, if any (so a start-up error can name the path it read).
/// </summary>
internal sealed class WebhookRegistration(string name, string schemeName, IConfiguration? configuration = null)
{
    public string Name { get; } = name;

    public string SchemeName { get; } = schemeName;

    public IConfiguration? Configuration { get; } = configuration;
}

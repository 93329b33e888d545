using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Cli;

/// <summary>
/// The one place where the tool maps scheme names to the library's <see cref="WebhookScheme"/> implementations;
/// the tool never implements a scheme itself.
/// </summary>
internal static class SchemeTable
{
    // In the order the tool lists them: the original senders first.
    private static readonly Dictionary<string, Func<WebhookSchemeOptions, WebhookScheme>> Schemes = new(StringComparer.Ordinal)
    {
        [InfisicalSignature.SchemeName] = options => new InfisicalSignature(options),
        [SnykSignature.SchemeName] = _ => SnykSignature.Default,
        [GitHubSignature.SchemeName] = _ => GitHubSignature.Default,
        [StandardWebhooksSignature.SchemeName] = options => new StandardWebhooksSignature(options),
        [StripeSignature.SchemeName] = options => new StripeSignature(options),
        [InfisicalAlertSignature.SchemeName] = options => new InfisicalAlertSignature(options),
    };

    /// <summary>The scheme names the tool accepts, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Schemes.Keys];

    /// <summary>A new secret in the scheme's format, for the demo: <c>whsec_…</c> for Standard Webhooks.</summary>
    public static string GenerateSecret(string name) =>
        name == StandardWebhooksSignature.SchemeName ? StandardWebhooksSignature.GenerateSecret() : KeyRing.GenerateSecret();

    /// <summary>Whether <paramref name="name"/> is a scheme the tool knows.</summary>
    public static bool Contains(string name) => Schemes.ContainsKey(name);

    /// <summary>Creates the named scheme with a clock and tolerance.</summary>
    /// <exception cref="UsageException">The name is unknown.</exception>
    public static WebhookScheme Create(string name, WebhookSchemeOptions options) =>
        Schemes.TryGetValue(name, out var create)
            ? create(options)
            : throw new UsageException($"Unknown scheme '{name}'. Known schemes: {string.Join(", ", Names)}.");
}

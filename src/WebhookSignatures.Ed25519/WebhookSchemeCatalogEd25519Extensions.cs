using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Ed25519;

/// <summary>Adds the Ed25519 schemes to a <see cref="WebhookSchemeCatalog"/>.</summary>
public static class WebhookSchemeCatalogEd25519Extensions
{
    private static readonly WebhookSchemeDescriptor Discord = new(
        static options => new DiscordSignature(options),
        "Discord",
        "Discord interactions: X-Signature-Ed25519: <hex Ed25519 of <X-Signature-Timestamp><body>>; the key is the application's hex public key.")
    {
        TimestampUnit = WebhookTimestampUnit.Seconds,
        SecretGenerator = DiscordSignature.GeneratePrivateKey,
        KeyPairGenerator = Ed25519KeyPairs.Discord,
        SecretCheck = DiscordKeys.CheckConfigured,
    };

    /// <summary>
    /// The catalog with Ed25519 signatures: every scheme it creates, and every one added later, verifies and signs them
    /// (Standard Webhooks <c>v1a</c> with <c>whpk_</c> and <c>whsk_</c> keys), and Discord follows Standard Webhooks.
    /// </summary>
    /// <param name="catalog">The catalog, usually <see cref="WebhookSchemeCatalog.BuiltIn"/>.</param>
    public static WebhookSchemeCatalog WithEd25519(this WebhookSchemeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var ed25519 = catalog.WithEd25519(WebhookEd25519.Instance);
        if (ed25519.TryGet(StandardWebhooksSignature.SchemeName, out var standard))
        {
            ed25519 = ed25519.With(standard.WithKeyPairs(Ed25519KeyPairs.StandardWebhooks));
        }

        return ed25519.With(Discord, after: StandardWebhooksSignature.SchemeName);
    }
}

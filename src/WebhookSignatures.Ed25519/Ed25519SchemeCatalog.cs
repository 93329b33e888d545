using System.Diagnostics.CodeAnalysis;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Ed25519;

/// <summary>
/// Every built-in scheme with Ed25519 where a sender uses it: the rows of <see cref="WebhookSchemeCatalog"/>, with
/// Standard Webhooks verifying <c>v1a</c> and reading <c>whpk_</c>/<c>whsk_</c> keys, and Discord after it. The
/// <c>webhooksig</c> tool and the ASP.NET Core registrations create their schemes from this list.
/// </summary>
public static class Ed25519SchemeCatalog
{
    private static readonly WebhookSchemeDescriptor StandardWebhooks = new(
        new StandardWebhooksSignature(new WebhookSchemeOptions().WithEd25519(WebhookEd25519.Instance)),
        static options => new StandardWebhooksSignature(options.WithEd25519(WebhookEd25519.Instance)),
        "Standard Webhooks",
        "Standard Webhooks and Svix: webhook-id, webhook-timestamp (s), webhook-signature: v1,<base64 HMAC-SHA256> or v1a,<base64 Ed25519> of <id>.<t>.<body>; whsec_ secrets, whpk_ public keys.",
        WebhookTimestampUnit.Seconds,
        generateSecret: StandardWebhooksSignature.GenerateSecret,
        generateKeyPair: Ed25519KeyPairs.StandardWebhooks);

    private static readonly WebhookSchemeDescriptor Discord = new(
        DiscordSignature.Default,
        static options => new DiscordSignature(options),
        "Discord",
        "Discord interactions: X-Signature-Ed25519: <hex Ed25519 of <X-Signature-Timestamp><body>>; the key is the application's hex public key.",
        WebhookTimestampUnit.Seconds,
        generateSecret: DiscordSignature.GeneratePrivateKey,
        generateKeyPair: Ed25519KeyPairs.Discord);

    private static readonly SchemeRows Catalog = new(WebhookSchemeCatalog.All.SelectMany(Replace));

    /// <summary>Every built-in scheme, in the order of <see cref="WebhookSchemeCatalog.All"/>, Discord after Standard Webhooks.</summary>
    public static IReadOnlyList<WebhookSchemeDescriptor> All => Catalog.All;

    /// <summary>Finds a scheme by its name (case-sensitive, as the tool and the registrations spell it).</summary>
    /// <param name="name">The scheme's name, such as <c>discord</c>.</param>
    /// <param name="scheme">The scheme's row, when there is one.</param>
    public static bool TryGet(string name, [NotNullWhen(true)] out WebhookSchemeDescriptor? scheme) => Catalog.TryGet(name, out scheme);

    /// <summary>Returns the scheme of that name.</summary>
    /// <param name="name">The scheme's name, such as <c>discord</c>.</param>
    /// <exception cref="ArgumentException">No scheme has that name; the message lists those that do.</exception>
    public static WebhookSchemeDescriptor Get(string name) => Catalog.Get(name);

    private static IEnumerable<WebhookSchemeDescriptor> Replace(WebhookSchemeDescriptor row) =>
        row.Name == StandardWebhooksSignature.SchemeName ? [StandardWebhooks, Discord] : [row];
}

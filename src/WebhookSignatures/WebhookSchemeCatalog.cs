using System.Diagnostics.CodeAnalysis;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Linear;
using WebhookSignatures.Schemes.Paddle;
using WebhookSignatures.Schemes.Shopify;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.Square;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Schemes.Twilio;
using WebhookSignatures.Schemes.Twitch;
using WebhookSignatures.Schemes.Zoom;

namespace WebhookSignatures;

/// <summary>
/// The built-in schemes, one <see cref="WebhookSchemeDescriptor"/> each: the one list the <c>webhooksig</c> tool and the
/// ASP.NET Core registrations create their schemes from. A new sender is a scheme and a row here.
/// </summary>
public static class WebhookSchemeCatalog
{
    // In the order the tool lists them: the original senders first, then the senders added later, the verify-only legacy scheme last.
    private static readonly WebhookSchemeDescriptor[] Rows =
    [
        new(
            InfisicalSignature.Default,
            static options => new InfisicalSignature(options),
            "Infisical",
            "Infisical project webhooks: x-infisical-signature: t=<ms>;<hex HMAC-SHA256 of the body>, the body ending in the same \"timestamp\".",
            WebhookTimestampUnit.Milliseconds),
        new(
            SnykSignature.Default,
            static options => new SnykSignature(options),
            "Snyk",
            "Snyk: X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>; no timestamp is signed.",
            null),
        new(
            GitHubSignature.Default,
            static options => new GitHubSignature(options),
            "GitHub",
            "GitHub: X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>; no timestamp is signed.",
            null),
        new(
            StandardWebhooksSignature.Default,
            static options => new StandardWebhooksSignature(options),
            "Standard Webhooks",
            "Standard Webhooks and Svix: webhook-id, webhook-timestamp (s), webhook-signature: v1,<base64 HMAC-SHA256 of <id>.<t>.<body>>; whsec_ secrets.",
            WebhookTimestampUnit.Seconds,
            generateSecret: StandardWebhooksSignature.GenerateSecret),
        new(
            StripeSignature.Default,
            static options => new StripeSignature(options),
            "Stripe",
            "Stripe: Stripe-Signature: t=<s>,v1=<hex HMAC-SHA256 of <t>.<body>>[,v1=…].",
            WebhookTimestampUnit.Seconds),
        new(
            InfisicalAlertsSignature.Default,
            static options => new InfisicalAlertsSignature(options),
            "Infisical alerts",
            "Infisical PKI and alert webhooks: x-infisical-signature: t=<ms>,v1=<hex HMAC-SHA256 of <t>.<body>>.",
            WebhookTimestampUnit.Milliseconds),
        new(
            SlackSignature.Default,
            static options => new SlackSignature(options),
            "Slack",
            "Slack: X-Slack-Signature: v0=<hex HMAC-SHA256 of v0:<ts>:<body>>, X-Slack-Request-Timestamp (s); url_verification answered.",
            WebhookTimestampUnit.Seconds),
        new(
            ZoomSignature.Default,
            static options => new ZoomSignature(options),
            "Zoom",
            "Zoom: x-zm-signature: v0=<hex HMAC-SHA256 of v0:<ts>:<body>>, x-zm-request-timestamp (s); endpoint.url_validation answered.",
            WebhookTimestampUnit.Seconds),
        new(
            TwitchSignature.Default,
            static options => new TwitchSignature(options),
            "Twitch EventSub",
            "Twitch EventSub: Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256 of <id><timestamp><body>>, RFC 3339 timestamp kept to the ms, 10 min.",
            WebhookTimestampUnit.Milliseconds,
            defaultTolerance: TwitchSignature.DefaultTolerance),
        new(
            PaddleSignature.Default,
            static options => new PaddleSignature(options),
            "Paddle",
            "Paddle Billing: Paddle-Signature: ts=<s>;h1=<hex HMAC-SHA256 of <ts>:<body>>[;h1=…].",
            WebhookTimestampUnit.Seconds),
        new(
            TwilioSignature.Default,
            static options => new TwilioSignature(options),
            "Twilio",
            "Twilio: X-Twilio-Signature: <base64 HMAC-SHA1 (or SHA-256) of <URL><sorted form parameters>>; JSON bodies by ?bodySHA256=; needs --url.",
            null),
        new(
            HubSpotSignature.Default,
            static options => new HubSpotSignature(options),
            "HubSpot",
            "HubSpot v3: X-HubSpot-Signature-v3: <base64 HMAC-SHA256 of <method><URL><body><t>>, X-HubSpot-Request-Timestamp (ms); needs --url.",
            WebhookTimestampUnit.Milliseconds),
        new(
            SquareSignature.Default,
            static options => new SquareSignature(options),
            "Square",
            "Square: x-square-hmacsha256-signature: <base64 HMAC-SHA256 of <notification URL><body>>; no timestamp is signed; needs --url.",
            null),
        new(
            ShopifySignature.Default,
            static options => new ShopifySignature(options),
            "Shopify",
            "Shopify: X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>; no timestamp is signed.",
            null),
        new(
            LinearSignature.Default,
            static options => new LinearSignature(options),
            "Linear",
            "Linear: Linear-Signature: <hex HMAC-SHA256 of the body>, the body's \"webhookTimestamp\" (ms) signed; 60 s window.",
            WebhookTimestampUnit.Milliseconds,
            defaultTolerance: LinearSignature.DefaultTolerance),
        new(
            GitLabToken.Default,
            static options => new GitLabToken(options),
            "GitLab",
            "GitLab: X-Gitlab-Token: <the secret token itself>; no MAC: the body and time are not covered.",
            null),
        new(
            GitHubSha1Signature.Default,
            static options => new GitHubSha1Signature(options),
            "GitHub (legacy SHA-1)",
            "GitHub's legacy X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body>, verification only.",
            null,
            canSign: false),
    ];

    private static readonly SchemeRows Catalog = new(Rows);

    /// <summary>Every built-in scheme, in a stable order: the original senders first, the verify-only legacy scheme last.</summary>
    public static IReadOnlyList<WebhookSchemeDescriptor> All => Catalog.All;

    /// <summary>Finds a built-in scheme by its name (case-sensitive, as the tool and the registrations spell it).</summary>
    /// <param name="name">The scheme's name, such as <c>stripe</c>.</param>
    /// <param name="scheme">The scheme's row, when there is one.</param>
    public static bool TryGet(string name, [NotNullWhen(true)] out WebhookSchemeDescriptor? scheme) => Catalog.TryGet(name, out scheme);

    /// <summary>Returns the built-in scheme of that name.</summary>
    /// <param name="name">The scheme's name, such as <c>stripe</c>.</param>
    /// <exception cref="ArgumentException">No built-in scheme has that name; the message lists those that do.</exception>
    public static WebhookSchemeDescriptor Get(string name) => Catalog.Get(name);
}

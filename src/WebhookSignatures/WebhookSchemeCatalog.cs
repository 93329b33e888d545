using System.Diagnostics.CodeAnalysis;
using WebhookSignatures.Cryptography;
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
/// The schemes a receiver or the tool can name: one <see cref="WebhookSchemeDescriptor"/> each, looked up by name.
/// <see cref="BuiltIn"/> holds every sender this package signs and verifies; the <c>WebhookSignatures.Ed25519</c>
/// package adds the asymmetric ones (Discord, Standard Webhooks <c>v1a</c>), and <see cref="With(WebhookSchemeDescriptor)"/>
/// adds a scheme of your own. A catalog never changes: each addition makes a new one.
/// </summary>
public sealed class WebhookSchemeCatalog
{
    // In the order the tool lists them: the original senders first, then the senders added later, the verify-only legacy scheme last.
    private static readonly WebhookSchemeDescriptor[] BuiltInRows =
    [
        new(
            static options => new InfisicalSignature(options),
            "Infisical",
            "Infisical project webhooks: x-infisical-signature: t=<ms>;<hex HMAC-SHA256 of the body>, the body ending in the same \"timestamp\".") { TimestampUnit = WebhookTimestampUnit.Milliseconds },
        new(
            static options => new SnykSignature(options),
            "Snyk",
            "Snyk: X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>; no timestamp is signed."),
        new(
            static options => new GitHubSignature(options),
            "GitHub",
            "GitHub: X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>; no timestamp is signed.")
        {
            // Deliveries of the past 3 days can be redelivered by hand: https://docs.github.com/webhooks/testing-and-troubleshooting-webhooks/redelivering-webhooks
            DefaultTimeToLive = TimeSpan.FromDays(3),
        },
        new(
            static options => new StandardWebhooksSignature(options),
            "Standard Webhooks",
            "Standard Webhooks and Svix: webhook-id, webhook-timestamp (s), webhook-signature: v1,<base64 HMAC-SHA256> (or v1a,<base64 Ed25519> with the Ed25519 package) of <id>.<t>.<body>; whsec_ secrets, whpk_ public keys.") 
        {
            TimestampUnit = WebhookTimestampUnit.Seconds,
            SecretGenerator = StandardWebhooksSignature.GenerateSecret,
            SecretCheck = StandardWebhooksKeys.CheckConfigured,
            // Svix's schedule runs about 28 hours after the first attempt, and a failing endpoint is kept for 5 days, in
            // which failed messages can be recovered and resent under the same id: https://docs.svix.com/retries
            DefaultTimeToLive = TimeSpan.FromDays(5),
        },
        new(
            static options => new StripeSignature(options),
            "Stripe",
            "Stripe: Stripe-Signature: t=<s>,v1=<hex HMAC-SHA256 of <t>.<body>>[,v1=…].")
        {
            TimestampUnit = WebhookTimestampUnit.Seconds,
            SecretGenerator = StripeSecretFormat.Generate,
            SecretCheck = StripeSecretFormat.Check,
            // Live mode retries for up to three days: https://docs.stripe.com/webhooks/process-undelivered-events
            DefaultTimeToLive = TimeSpan.FromDays(3),
        },
        new(
            static options => new InfisicalAlertsSignature(options),
            "Infisical alerts",
            "Infisical PKI and alert webhooks: x-infisical-signature: t=<ms>,v1=<hex HMAC-SHA256 of <t>.<body>>.") { TimestampUnit = WebhookTimestampUnit.Milliseconds },
        new(
            static options => new SlackSignature(options),
            "Slack",
            "Slack: X-Slack-Signature: v0=<hex HMAC-SHA256 of v0:<ts>:<body>>, X-Slack-Request-Timestamp (s); url_verification answered.") { TimestampUnit = WebhookTimestampUnit.Seconds },
        new(
            static options => new ZoomSignature(options),
            "Zoom",
            "Zoom: x-zm-signature: v0=<hex HMAC-SHA256 of v0:<ts>:<body>>, x-zm-request-timestamp (s); endpoint.url_validation answered.") { TimestampUnit = WebhookTimestampUnit.Seconds },
        new(
            static options => new TwitchSignature(options),
            "Twitch EventSub",
            "Twitch EventSub: Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256 of <id><timestamp><body>>, RFC 3339 timestamp kept to the ms, 10 min.")
        {
            TimestampUnit = WebhookTimestampUnit.Milliseconds,
            SecretCheck = TwitchSignature.CheckSecret,
        },
        new(
            static options => new PaddleSignature(options),
            "Paddle",
            "Paddle Billing: Paddle-Signature: ts=<s>;h1=<hex HMAC-SHA256 of <ts>:<body>>[;h1=…].")
        {
            TimestampUnit = WebhookTimestampUnit.Seconds,
            // Live accounts retry up to 60 times over 3 days: https://developer.paddle.com/webhooks/about/respond-to-webhooks
            DefaultTimeToLive = TimeSpan.FromDays(3),
        },
        new(
            static options => new TwilioSignature(options),
            "Twilio",
            "Twilio: X-Twilio-Signature: <base64 HMAC-SHA1 (or SHA-256) of <URL><sorted form parameters>>; JSON bodies by ?bodySHA256=; needs --url."),
        new(
            static options => new HubSpotSignature(options),
            "HubSpot",
            "HubSpot v3: X-HubSpot-Signature-v3: <base64 HMAC-SHA256 of <method><URL><body><t>>, X-HubSpot-Request-Timestamp (ms); needs --url.") { TimestampUnit = WebhookTimestampUnit.Milliseconds },
        new(
            static options => new SquareSignature(options),
            "Square",
            "Square: x-square-hmacsha256-signature: <base64 HMAC-SHA256 of <notification URL><body>>; no timestamp is signed; needs --url.")
        {
            // Unsuccessful deliveries are retried for up to 72 hours: https://developer.squareup.com/docs/webhooks/troubleshooting
            DefaultTimeToLive = TimeSpan.FromDays(3),
        },
        new(
            static options => new ShopifySignature(options),
            "Shopify",
            "Shopify: X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>; no timestamp is signed."),
        new(
            static options => new LinearSignature(options),
            "Linear",
            "Linear: Linear-Signature: <hex HMAC-SHA256 of the body>, the body's \"webhookTimestamp\" (ms) signed; 60 s window.") { TimestampUnit = WebhookTimestampUnit.Milliseconds },
        new(
            static options => new GitLabToken(options),
            "GitLab",
            "GitLab: X-Gitlab-Token: <the secret token itself>; no MAC: the body and time are not covered."),
        new(
            static options => new GitHubSha1Signature(options),
            "GitHub (legacy SHA-1)",
            "GitHub's legacy X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body>, verification only.") { CanSign = false },
    ];

    private readonly WebhookSchemeDescriptor[] _rows;
    private readonly Dictionary<string, WebhookSchemeDescriptor> _byName;

    private WebhookSchemeCatalog(WebhookSchemeDescriptor[] rows, IEd25519? ed25519)
    {
        _rows = rows;
        _byName = rows.ToDictionary(static row => row.Name, StringComparer.Ordinal);
        Ed25519 = ed25519;
        All = Array.AsReadOnly(rows);
    }

    /// <summary>Every sender built into this package; the Ed25519 package's <c>WithEd25519()</c> adds the asymmetric ones.</summary>
    public static WebhookSchemeCatalog BuiltIn { get; } = new(BuiltInRows, null);

    /// <summary>Every scheme of the catalog, in a stable order.</summary>
    public IReadOnlyList<WebhookSchemeDescriptor> All { get; }

    /// <summary>Whether the catalog's schemes verify and sign Ed25519 signatures (the <c>WebhookSignatures.Ed25519</c> package).</summary>
    public bool SupportsEd25519 => Ed25519 is not null;

    internal IEd25519? Ed25519 { get; }

    /// <summary>Finds a scheme by its name (case-sensitive, as the tool and the registrations spell it).</summary>
    /// <param name="name">The scheme's name, such as <c>stripe</c>.</param>
    /// <param name="scheme">The scheme's row, when there is one.</param>
    public bool TryGet(string name, [NotNullWhen(true)] out WebhookSchemeDescriptor? scheme)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out scheme);
    }

    /// <summary>Returns the scheme of that name.</summary>
    /// <param name="name">The scheme's name, such as <c>stripe</c>.</param>
    /// <exception cref="ArgumentException">No scheme has that name; the message lists those that do.</exception>
    public WebhookSchemeDescriptor Get(string name) =>
        TryGet(name, out var scheme)
            ? scheme
            : throw new ArgumentException($"Unknown scheme '{name}'. Known schemes: {string.Join(", ", _rows.Select(static row => row.Name))}.", nameof(name));

    /// <summary>
    /// A catalog with <paramref name="scheme"/> added after the others, or in place of the scheme of the same name, so the
    /// registrations and the tool built on it find it by name.
    /// </summary>
    /// <param name="scheme">The scheme's row.</param>
    public WebhookSchemeCatalog With(WebhookSchemeDescriptor scheme) => With(scheme, after: null);

    /// <summary>This catalog with <paramref name="scheme"/> after the row named <paramref name="after"/> (or last), replacing one of the same name.</summary>
    internal WebhookSchemeCatalog With(WebhookSchemeDescriptor scheme, string? after)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (Ed25519 is not null)
        {
            scheme = scheme.WithEd25519(Ed25519);
        }

        var rows = _rows.ToList();
        var existing = rows.FindIndex(row => row.Name == scheme.Name);
        if (existing >= 0)
        {
            rows[existing] = scheme;
        }
        else
        {
            var position = after is null ? -1 : rows.FindIndex(row => row.Name == after);
            rows.Insert(position < 0 ? rows.Count : position + 1, scheme);
        }

        return new WebhookSchemeCatalog([.. rows], Ed25519);
    }

    /// <summary>This catalog with every scheme, present and added later, created with <paramref name="ed25519"/>.</summary>
    internal WebhookSchemeCatalog WithEd25519(IEd25519 ed25519)
    {
        ArgumentNullException.ThrowIfNull(ed25519);
        return new WebhookSchemeCatalog([.. _rows.Select(row => row.WithEd25519(ed25519))], ed25519);
    }
}

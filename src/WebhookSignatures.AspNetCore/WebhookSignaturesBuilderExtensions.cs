using Microsoft.Extensions.Configuration;
using WebhookSignatures.Schemes.Discord;
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

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Registrations for the built-in senders by name: <c>AddStripe(name, …)</c> is
/// <c>Add(name, StripeSignature.SchemeName, …)</c>, the scheme coming from the application's catalog.
/// </summary>
public static class WebhookSignaturesBuilderExtensions
{
    /// <summary>Registers Infisical project webhooks (<c>x-infisical-signature</c>) with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>infisical</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddInfisical(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, InfisicalSignature.SchemeName, configuration);

    /// <summary>Registers Infisical project webhooks (<c>x-infisical-signature</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>infisical</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddInfisical(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, InfisicalSignature.SchemeName, configure);

    /// <summary>Registers Snyk webhooks (<c>X-Hub-Signature: sha256=…</c>) with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>snyk</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddSnyk(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, SnykSignature.SchemeName, configuration);

    /// <summary>Registers Snyk webhooks (<c>X-Hub-Signature: sha256=…</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>snyk</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddSnyk(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, SnykSignature.SchemeName, configure);

    /// <summary>Registers GitHub webhooks (<c>X-Hub-Signature-256: sha256=…</c>) with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>github</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddGitHub(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, GitHubSignature.SchemeName, configuration);

    /// <summary>Registers GitHub webhooks (<c>X-Hub-Signature-256: sha256=…</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>github</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddGitHub(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, GitHubSignature.SchemeName, configure);

    /// <summary>
    /// Registers Standard Webhooks and Svix (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,…</c> and
    /// <c>v1a,…</c>); keys are <c>whsec_</c> secrets and <c>whpk_</c> Ed25519 public keys, mixed in one ring, with options from configuration.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>standard-webhooks</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddStandardWebhooks(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, StandardWebhooksSignature.SchemeName, configuration);

    /// <summary>
    /// Registers Standard Webhooks and Svix (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,…</c> and
    /// <c>v1a,…</c>); keys are <c>whsec_</c> secrets and <c>whpk_</c> Ed25519 public keys, mixed in one ring.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>standard-webhooks</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddStandardWebhooks(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, StandardWebhooksSignature.SchemeName, configure);

    /// <summary>
    /// Registers Discord interactions (<c>X-Signature-Ed25519</c>, <c>X-Signature-Timestamp</c>); the key is the
    /// application's hex public key, with options from configuration.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>discord</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> (the public keys), <c>Tolerance</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddDiscord(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, DiscordSignature.SchemeName, configuration);

    /// <summary>
    /// Registers Discord interactions (<c>X-Signature-Ed25519</c>, <c>X-Signature-Timestamp</c>); the key is the
    /// application's hex public key.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>discord</c>.</param>
    /// <param name="configure">Sets the public keys (<c>Secrets</c>) and the other options.</param>
    public static WebhookSignaturesBuilder AddDiscord(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, DiscordSignature.SchemeName, configure);

    /// <summary>Registers Stripe webhooks (<c>Stripe-Signature: t=…,v1=…</c>), with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>stripe</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddStripe(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, StripeSignature.SchemeName, configuration);

    /// <summary>Registers Stripe webhooks (<c>Stripe-Signature: t=…,v1=…</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>stripe</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddStripe(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, StripeSignature.SchemeName, configure);

    /// <summary>Registers Infisical PKI and alert webhooks (<c>x-infisical-signature: t=&lt;ms&gt;,v1=…</c>), with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>infisical-alerts</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddInfisicalAlerts(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, InfisicalAlertsSignature.SchemeName, configuration);

    /// <summary>Registers Infisical PKI and alert webhooks (<c>x-infisical-signature: t=&lt;ms&gt;,v1=…</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>infisical-alerts</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddInfisicalAlerts(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, InfisicalAlertsSignature.SchemeName, configure);

    /// <summary>Registers Slack requests (<c>X-Slack-Signature: v0=…</c>, <c>X-Slack-Request-Timestamp</c>); a verified <c>url_verification</c> is answered with its challenge, with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>slack</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c>, <c>AnswerHandshakes</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddSlack(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, SlackSignature.SchemeName, configuration);

    /// <summary>Registers Slack requests (<c>X-Slack-Signature: v0=…</c>, <c>X-Slack-Request-Timestamp</c>); a verified <c>url_verification</c> is answered with its challenge.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>slack</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddSlack(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, SlackSignature.SchemeName, configure);

    /// <summary>Registers Zoom webhooks (<c>x-zm-signature: v0=…</c>, <c>x-zm-request-timestamp</c>); a verified <c>endpoint.url_validation</c> is answered, with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>zoom</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c>, <c>AnswerHandshakes</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddZoom(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, ZoomSignature.SchemeName, configuration);

    /// <summary>Registers Zoom webhooks (<c>x-zm-signature: v0=…</c>, <c>x-zm-request-timestamp</c>); a verified <c>endpoint.url_validation</c> is answered.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>zoom</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddZoom(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, ZoomSignature.SchemeName, configure);

    /// <summary>Registers Twitch EventSub webhooks (<c>Twitch-Eventsub-Message-Signature: sha256=…</c>), ten minutes of tolerance unless configured; a verified <c>webhook_callback_verification</c> is answered with its challenge, with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>twitch</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c>, <c>AnswerHandshakes</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddTwitch(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, TwitchSignature.SchemeName, configuration);

    /// <summary>Registers Twitch EventSub webhooks (<c>Twitch-Eventsub-Message-Signature: sha256=…</c>), ten minutes of tolerance unless configured; a verified <c>webhook_callback_verification</c> is answered with its challenge.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>twitch</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddTwitch(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, TwitchSignature.SchemeName, configure);

    /// <summary>Registers Paddle Billing webhooks (<c>Paddle-Signature: ts=…;h1=…</c>), with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>paddle</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c>, <c>AnswerHandshakes</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddPaddle(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, PaddleSignature.SchemeName, configuration);

    /// <summary>Registers Paddle Billing webhooks (<c>Paddle-Signature: ts=…;h1=…</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>paddle</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddPaddle(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, PaddleSignature.SchemeName, configure);
    /// <summary>Registers Twilio webhooks (<c>X-Twilio-Signature</c> over the URL and the form parameters; the secret is the auth token), with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>twilio</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> and the other options (<c>PublicBaseUrl</c> behind a proxy: the signature covers the URL).</param>
    public static WebhookSignaturesBuilder AddTwilio(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, TwilioSignature.SchemeName, configuration);

    /// <summary>Registers Twilio webhooks (<c>X-Twilio-Signature</c> over the URL and the form parameters; the secret is the auth token).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>twilio</c>.</param>
    /// <param name="configure">Sets the secrets and the other options (<c>PublicBaseUrl</c> behind a proxy: the signature covers the URL).</param>
    public static WebhookSignaturesBuilder AddTwilio(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, TwilioSignature.SchemeName, configure);

    /// <summary>Registers HubSpot webhooks (<c>X-HubSpot-Signature-v3</c> over the method, URL, body and timestamp; the secret is the app's client secret), with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>hubspot</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> and the other options (<c>PublicBaseUrl</c> behind a proxy: the signature covers the URL).</param>
    public static WebhookSignaturesBuilder AddHubSpot(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, HubSpotSignature.SchemeName, configuration);

    /// <summary>Registers HubSpot webhooks (<c>X-HubSpot-Signature-v3</c> over the method, URL, body and timestamp; the secret is the app's client secret).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>hubspot</c>.</param>
    /// <param name="configure">Sets the secrets and the other options (<c>PublicBaseUrl</c> behind a proxy: the signature covers the URL).</param>
    public static WebhookSignaturesBuilder AddHubSpot(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, HubSpotSignature.SchemeName, configure);

    /// <summary>Registers Square webhooks (<c>x-square-hmacsha256-signature</c> over the notification URL and the body; the secret is the signature key), with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>square</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> and the other options (<c>PublicBaseUrl</c> behind a proxy: the signature covers the URL).</param>
    public static WebhookSignaturesBuilder AddSquare(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, SquareSignature.SchemeName, configuration);

    /// <summary>Registers Square webhooks (<c>x-square-hmacsha256-signature</c> over the notification URL and the body; the secret is the signature key).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>square</c>.</param>
    /// <param name="configure">Sets the secrets and the other options (<c>PublicBaseUrl</c> behind a proxy: the signature covers the URL).</param>
    public static WebhookSignaturesBuilder AddSquare(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, SquareSignature.SchemeName, configure);

    /// <summary>Registers Shopify webhooks (<c>X-Shopify-Hmac-Sha256</c>, base64 HMAC-SHA256 of the body), with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>shopify</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddShopify(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, ShopifySignature.SchemeName, configuration);

    /// <summary>Registers Shopify webhooks (<c>X-Shopify-Hmac-Sha256</c>, base64 HMAC-SHA256 of the body).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>shopify</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddShopify(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, ShopifySignature.SchemeName, configure);

    /// <summary>
    /// Registers Linear webhooks (<c>Linear-Signature</c>, hex HMAC-SHA256 of the body, whose <c>webhookTimestamp</c> is
    /// signed), with options from configuration. <c>Tolerance</c> defaults to Linear's 60 seconds.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>linear</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddLinear(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, LinearSignature.SchemeName, configuration);

    /// <summary>
    /// Registers Linear webhooks (<c>Linear-Signature</c>, hex HMAC-SHA256 of the body, whose <c>webhookTimestamp</c> is
    /// signed). <c>Tolerance</c> starts at Linear's 60 seconds.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>linear</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddLinear(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, LinearSignature.SchemeName, configure);

    /// <summary>Registers GitLab webhooks (<c>X-Gitlab-Token</c>, the secret token itself: it does not cover the body or a time, see <see cref="GitLabToken"/>), with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>gitlab</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddGitLab(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration) =>
        Add(builder, registrationName, GitLabToken.SchemeName, configuration);

    /// <summary>Registers GitLab webhooks (<c>X-Gitlab-Token</c>, the secret token itself: it does not cover the body or a time, see <see cref="GitLabToken"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>gitlab</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddGitLab(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, GitLabToken.SchemeName, configure);

    /// <summary>
    /// Registers GitHub's legacy <c>X-Hub-Signature: sha1=…</c>, for verification only. SHA-1 HMAC is kept for
    /// old integrations: prefer <see cref="AddGitHub(WebhookSignaturesBuilder, string, Action{WebhookRegistrationOptions})"/>
    /// and register this only while a sender still cannot send <c>X-Hub-Signature-256</c>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>github-sha1</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddGitHubLegacySha1(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookRegistrationOptions> configure) =>
        Add(builder, registrationName, GitHubSha1Signature.SchemeName, configure);

    private static WebhookSignaturesBuilder Add(WebhookSignaturesBuilder builder, string registrationName, string schemeName, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(registrationName, schemeName, configuration);
    }

    private static WebhookSignaturesBuilder Add(WebhookSignaturesBuilder builder, string registrationName, string schemeName, Action<WebhookRegistrationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(registrationName, schemeName, configure);
    }
}

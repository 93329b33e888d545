using Microsoft.Extensions.Configuration;
using WebhookSignatures.Ed25519;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Registrations for the built-in schemes, each created from its row of <see cref="Ed25519SchemeCatalog"/> (the rows of
/// <see cref="WebhookSchemeCatalog"/>, with Ed25519 where a sender signs with it).
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
        return builder.AddScheme(registrationName, Ed25519SchemeCatalog.Get(schemeName).Create, configuration);
    }

    private static WebhookSignaturesBuilder Add(WebhookSignaturesBuilder builder, string registrationName, string schemeName, Action<WebhookRegistrationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme(registrationName, Ed25519SchemeCatalog.Get(schemeName).Create, configure);
    }
}

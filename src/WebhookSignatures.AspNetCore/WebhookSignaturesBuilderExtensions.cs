using Microsoft.Extensions.Configuration;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.AspNetCore;

/// <summary>Registrations for the built-in schemes.</summary>
public static class WebhookSignaturesBuilderExtensions
{
    /// <summary>Registers Infisical project webhooks (<c>x-infisical-signature</c>) with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>infisical</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddInfisical(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme(registrationName, CreateInfisical, configuration);
    }

    /// <summary>Registers Infisical project webhooks (<c>x-infisical-signature</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>infisical</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddInfisical(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookSignatureOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme(registrationName, CreateInfisical, configure);
    }

    /// <summary>Registers Snyk webhooks (<c>X-Hub-Signature: sha256=…</c>) with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>snyk</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddSnyk(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme(registrationName, static _ => HubSignature.Snyk, configuration);
    }

    /// <summary>Registers Snyk webhooks (<c>X-Hub-Signature: sha256=…</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>snyk</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddSnyk(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookSignatureOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme(registrationName, static _ => HubSignature.Snyk, configure);
    }

    /// <summary>Registers GitHub webhooks (<c>X-Hub-Signature-256: sha256=…</c>) with options from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>github</c>.</param>
    /// <param name="configuration">The section holding <c>Secrets</c> and the other options.</param>
    public static WebhookSignaturesBuilder AddGitHub(this WebhookSignaturesBuilder builder, string registrationName, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme(registrationName, static _ => HubSignature.GitHub, configuration);
    }

    /// <summary>Registers GitHub webhooks (<c>X-Hub-Signature-256: sha256=…</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registrationName">The name endpoints refer to, such as <c>github</c>.</param>
    /// <param name="configure">Sets the secrets and the other options.</param>
    public static WebhookSignaturesBuilder AddGitHub(this WebhookSignaturesBuilder builder, string registrationName, Action<WebhookSignatureOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme(registrationName, static _ => HubSignature.GitHub, configure);
    }

    private static InfisicalSignature CreateInfisical(WebhookSchemeOptions options) => new(options);
}

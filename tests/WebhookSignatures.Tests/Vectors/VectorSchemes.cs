using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Tests.Vectors;

/// <summary>The scheme each vector file exercises, built with the case's clock and tolerance.</summary>
public static class VectorSchemes
{
    public static WebhookScheme Create(VectorCase vector) => vector.Scheme switch
    {
        "infisical" => new InfisicalSignature(vector.CreateOptions()),
        "snyk" => SnykSignature.Default,
        "github" => GitHubSignature.Default,
        "standard-webhooks" => new StandardWebhooksSignature(vector.CreateOptions()),
        "stripe" => new StripeSignature(vector.CreateOptions()),
        "infisical-alerts" => new InfisicalAlertSignature(vector.CreateOptions()),
        _ => throw new ArgumentOutOfRangeException(nameof(vector), vector.Scheme, "No scheme for this vector file."),
    };
}

using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Tests.Vectors;

/// <summary>The scheme each vector file exercises, built with the case's clock and tolerance.</summary>
public static class VectorSchemes
{
    public static WebhookScheme Create(VectorCase vector) => vector.Scheme switch
    {
        "infisical" => new InfisicalSignature(vector.CreateOptions()),
        "snyk" => HubSignature.Snyk,
        "github" => HubSignature.GitHub,
        _ => throw new ArgumentOutOfRangeException(nameof(vector), vector.Scheme, "No scheme for this vector file."),
    };
}

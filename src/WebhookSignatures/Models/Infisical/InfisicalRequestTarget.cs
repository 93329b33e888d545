using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>Where a change or access request applies: an environment and a secret path (a glob for access requests).</summary>
public sealed class InfisicalRequestTarget
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalRequestTarget()
    {
    }

    /// <summary>The environment.</summary>
    [JsonInclude]
    public InfisicalEnvironmentReference? Environment { get; internal set; }

    /// <summary>The secret path, such as <c>/api</c> or <c>/api/*</c>.</summary>
    [JsonInclude]
    public string? SecretPath { get; internal set; }
}

namespace WebhookSignatures.Models.Infisical;

/// <summary>Where a change or access request applies: an environment and a secret path (a glob for access requests).</summary>
public sealed class InfisicalRequestTarget
{
    /// <summary>The environment.</summary>
    public InfisicalEnvironmentReference? Environment { get; set; }

    /// <summary>The secret path, such as <c>/api</c> or <c>/api/*</c>.</summary>
    public string? SecretPath { get; set; }
}

namespace WebhookSignatures.Models.Infisical;

/// <summary>The approval policy that governs a change or access request.</summary>
public sealed class InfisicalApprovalPolicy
{
    /// <summary>The policy id.</summary>
    public string? Id { get; set; }

    /// <summary>The policy name.</summary>
    public string? Name { get; set; }

    /// <summary>How strictly it applies: <c>hard</c> (no bypass) or <c>soft</c>.</summary>
    public string? EnforcementLevel { get; set; }

    /// <summary>Whether approvers must approve in sequence (access requests).</summary>
    public bool? HasSequencedApprovers { get; set; }
}

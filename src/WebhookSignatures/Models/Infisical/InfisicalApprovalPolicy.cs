using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The approval policy that governs a change or access request.</summary>
public sealed class InfisicalApprovalPolicy
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalApprovalPolicy()
    {
    }

    /// <summary>The policy id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>The policy name.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>How strictly it applies: <c>hard</c> (no bypass) or <c>soft</c>.</summary>
    [JsonInclude]
    public string? EnforcementLevel { get; internal set; }

    /// <summary>Whether approvers must approve in sequence (access requests).</summary>
    [JsonInclude]
    public bool? HasSequencedApprovers { get; internal set; }
}

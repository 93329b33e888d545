using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The <c>request</c> object of a <c>secrets.change-request.modified</c> event.</summary>
public sealed class InfisicalChangeRequest
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalChangeRequest()
    {
    }

    /// <summary>The request id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>The request's short readable name.</summary>
    [JsonInclude]
    public string? Slug { get; internal set; }

    /// <summary>A link to the request in Infisical.</summary>
    [JsonInclude]
    public string? Url { get; internal set; }

    /// <summary>The environment and path the change applies to.</summary>
    [JsonInclude]
    public InfisicalRequestTarget? Target { get; internal set; }

    /// <summary>The raw status: <c>open</c> or <c>close</c> (a closed request with <see cref="HasMerged"/> was merged).</summary>
    [JsonInclude]
    public string? Status { get; internal set; }

    /// <summary>Whether the change was merged.</summary>
    [JsonInclude]
    public bool? HasMerged { get; internal set; }

    /// <summary>Whether the policy was bypassed.</summary>
    [JsonInclude]
    public bool? IsBypassed { get; internal set; }

    /// <summary>The approval policy.</summary>
    [JsonInclude]
    public InfisicalApprovalPolicy? Policy { get; internal set; }

    /// <summary>Who asked for the change; <see langword="null"/> when that account was deleted.</summary>
    [JsonInclude]
    public InfisicalActor? RequestedBy { get; internal set; }

    /// <summary>When the request was created.</summary>
    [JsonInclude]
    public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>When the request last changed.</summary>
    [JsonInclude]
    public DateTimeOffset? UpdatedAt { get; internal set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}

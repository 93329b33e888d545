using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The access an access request asks for.</summary>
public sealed class InfisicalRequestedAccess
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalRequestedAccess()
    {
    }

    /// <summary>The environment and path (a glob) the access covers.</summary>
    [JsonInclude]
    public InfisicalRequestTarget? Target { get; internal set; }

    /// <summary>Whether the access is temporary.</summary>
    [JsonInclude]
    public bool? IsTemporary { get; internal set; }

    /// <summary>How long temporary access lasts, such as <c>1h</c>.</summary>
    [JsonInclude]
    public string? TemporaryRange { get; internal set; }

    /// <summary>The permissions asked for.</summary>
    [JsonInclude]
    public IReadOnlyList<InfisicalPermissionRule>? Permissions { get; internal set; }
}

using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>A secret was added, changed or deleted (<c>secrets.modified</c>). <see cref="InfisicalProjectEvent.Project"/> names the path and, when known, who changed it.</summary>
public sealed class InfisicalSecretsModifiedEvent : InfisicalProjectEvent
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalSecretsModifiedEvent()
        : base(InfisicalEventNames.SecretsModified)
    {
    }
}

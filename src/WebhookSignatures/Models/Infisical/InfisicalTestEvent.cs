using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The test delivery sent from Infisical's webhook settings (<c>test</c>).</summary>
public sealed class InfisicalTestEvent : InfisicalProjectEvent
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalTestEvent()
        : base(InfisicalEventNames.Test)
    {
    }
}

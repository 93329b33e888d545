using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>An event whose body carries the <c>project</c> object describing where a secret lives.</summary>
public abstract class InfisicalProjectEvent : InfisicalEvent
{
    private protected InfisicalProjectEvent(string eventName)
        : base(eventName)
    {
    }

    /// <summary>The project, environment and path the event is about.</summary>
    [JsonInclude]
    public InfisicalProject? Project { get; internal set; }
}

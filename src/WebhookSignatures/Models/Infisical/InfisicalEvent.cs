using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// A general (JSON) project webhook: a body with a top-level <c>event</c> name. Each known name has its own sealed
/// type; see <see cref="InfisicalEventNames"/>.
/// </summary>
public abstract class InfisicalEvent : InfisicalWebhook
{
    private protected InfisicalEvent(string eventName) => Event = eventName;

    /// <summary>The event name, such as <c>secrets.modified</c>; fixed by the type.</summary>
    [JsonPropertyName("event")]
    [JsonPropertyOrder(-100)]
    public string Event { get; }
}

using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// A Snyk webhook body, typed by its <c>X-Snyk-Event</c> header: a <see cref="SnykPingEvent"/>, a
/// <see cref="SnykProjectSnapshotEvent"/> or a <see cref="SnykUnknownEvent"/>. Get one from
/// <see cref="SnykWebhookParser"/> and switch on its type; write one with <see cref="SnykWebhookWriter"/>.
/// </summary>
public abstract class SnykEvent
{
    private protected SnykEvent(SnykEventHeader header) => EventHeader = header;

    /// <summary>
    /// The event name and payload version. A parsed event carries the header it arrived with; a new model carries
    /// the version this library writes (<c>v0</c>).
    /// </summary>
    [JsonIgnore]
    [JsonInclude]
    public SnykEventHeader EventHeader { get; internal set; }
}

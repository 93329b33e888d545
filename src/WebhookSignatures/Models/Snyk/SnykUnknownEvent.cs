using System.Text.Json;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// An event this version of the library has no model for, kept whole as <see cref="Raw"/> so that a new Snyk event
/// never breaks a receiver. <see cref="SnykEvent.EventHeader"/> says which event it is.
/// </summary>
public sealed class SnykUnknownEvent : SnykEvent
{
    /// <summary>Creates an unknown event.</summary>
    /// <param name="header">The event name and version.</param>
    /// <param name="raw">The whole body; it must own its memory (clone an element taken from a document you dispose).</param>
    internal SnykUnknownEvent(SnykEventHeader header, JsonElement raw)
        : base(header) => Raw = raw;

    /// <summary>The whole body, independent of the buffer it was parsed from.</summary>
    public JsonElement Raw { get; }
}

using System.Text.Json;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// A body this version of the library has no model for: an event name it does not know, or an object that is neither
/// a general event nor a Slack or Teams message. Kept whole as <see cref="Raw"/>, so a newer sender never breaks a receiver.
/// </summary>
/// <remarks>
/// <see cref="InfisicalWebhook.AdditionalProperties"/> stays <see langword="null"/>: every member is in <see cref="Raw"/>.
/// </remarks>
public sealed class InfisicalUnknownEvent : InfisicalWebhook
{
    /// <summary>Creates an unknown event from its raw body.</summary>
    /// <param name="eventName">The body's <c>event</c> string, or <see langword="null"/> when it has none.</param>
    /// <param name="raw">The whole body; it must own its memory (clone an element taken from a document you dispose).</param>
    internal InfisicalUnknownEvent(string? eventName, JsonElement raw)
    {
        Event = eventName;
        Raw = raw;
    }

    /// <summary>The body's <c>event</c> string, or <see langword="null"/> when it has none.</summary>
    public string? Event { get; }

    /// <summary>The whole body, independent of the buffer it was parsed from.</summary>
    public JsonElement Raw { get; }
}

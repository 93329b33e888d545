namespace WebhookSignatures.Models;

/// <summary>Why a verified body could not be turned into a typed event. Stable names.</summary>
public enum WebhookParseError
{
    /// <summary>The body parsed.</summary>
    None = 0,

    /// <summary>The body is not well-formed JSON (or not UTF-8, or nested deeper than 64 levels).</summary>
    MalformedJson,

    /// <summary>
    /// The body is well-formed JSON but not the shape the event's name promises: the root is not an object,
    /// the event name is not a string, or a known property holds a value of the wrong type.
    /// </summary>
    WrongShape,

    /// <summary>The event name is missing where the sender puts it (Snyk: the <c>X-Snyk-Event</c> header).</summary>
    MissingEventName,
}

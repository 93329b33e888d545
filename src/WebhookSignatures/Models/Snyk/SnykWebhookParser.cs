using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// Turns a verified Snyk delivery into its typed event in one call, choosing the type by the name in
/// <c>X-Snyk-Event</c> (the version after the <c>/</c> is kept, not matched). Verify first: parsing says what a body
/// claims, not that Snyk sent it.
/// </summary>
/// <remarks>
/// An event name this library does not know gives a <see cref="SnykUnknownEvent"/> with the raw body. Unknown members
/// never fail a parse; known ones that are missing are <see langword="null"/>.
/// </remarks>
public static class SnykWebhookParser
{
    /// <summary>Parses a verified delivery from its headers and body.</summary>
    /// <param name="headers">The delivery's headers; <c>X-Snyk-Event</c> is read.</param>
    /// <param name="body">The raw body, as verified.</param>
    /// <returns>As <see cref="Parse(string?, ReadOnlySpan{byte})"/>.</returns>
    public static WebhookParseResult<SnykEvent> Parse(IWebhookHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Parse(headers.GetValue(SnykDeliveryHeaders.EventHeaderName), body);
    }

    /// <summary>Parses a verified body given its <c>X-Snyk-Event</c> value.</summary>
    /// <param name="eventHeader">The <c>X-Snyk-Event</c> value, such as <c>project_snapshot/v0</c>.</param>
    /// <param name="body">The raw body, as verified.</param>
    /// <returns>
    /// The event, or <see cref="WebhookParseError.MissingEventName"/> (no event header),
    /// <see cref="WebhookParseError.MalformedJson"/> (not JSON) or <see cref="WebhookParseError.WrongShape"/> (not an
    /// object, or a known member holding the wrong type). Never throws on the header or body.
    /// </returns>
    public static WebhookParseResult<SnykEvent> Parse(string? eventHeader, ReadOnlySpan<byte> body)
    {
        if (!SnykEventHeader.TryParse(eventHeader, out var header))
        {
            return WebhookParseResult.Failure<SnykEvent>(
                WebhookParseError.MissingEventName, $"The {SnykDeliveryHeaders.EventHeaderName} header is missing or empty.");
        }

        if (!WebhookJson.TryValidate(body, out var root, out var error))
        {
            return WebhookParseResult.Failure<SnykEvent>(WebhookParseError.MalformedJson, error!);
        }

        if (root != JsonTokenType.StartObject)
        {
            return WebhookParseResult.Failure<SnykEvent>(WebhookParseError.WrongShape, "A Snyk body must be a JSON object.");
        }

        return header.Name switch
        {
            SnykEventNames.Ping => Deserialize(body, SnykJsonContext.Default.SnykPingEvent, header),
            SnykEventNames.ProjectSnapshot => Deserialize(body, SnykJsonContext.Default.SnykProjectSnapshotEvent, header),
            _ => WebhookParseResult.Success<SnykEvent>(new SnykUnknownEvent(header, WebhookJson.CloneRoot(body))),
        };
    }

    /// <summary>Parses a verified delivery whose body is held in several buffers.</summary>
    /// <param name="headers">The delivery's headers; <c>X-Snyk-Event</c> is read.</param>
    /// <param name="body">The raw body, as verified.</param>
    /// <returns>As <see cref="Parse(string?, ReadOnlySpan{byte})"/>.</returns>
    public static WebhookParseResult<SnykEvent> Parse(IWebhookHeaders headers, in ReadOnlySequence<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Parse(headers.GetValue(SnykDeliveryHeaders.EventHeaderName), body);
    }

    /// <summary>Parses a verified body held in several buffers.</summary>
    /// <param name="eventHeader">The <c>X-Snyk-Event</c> value.</param>
    /// <param name="body">The raw body, as verified.</param>
    /// <returns>As <see cref="Parse(string?, ReadOnlySpan{byte})"/>.</returns>
    public static WebhookParseResult<SnykEvent> Parse(string? eventHeader, in ReadOnlySequence<byte> body) =>
        body.IsSingleSegment ? Parse(eventHeader, body.FirstSpan) : Parse(eventHeader, body.ToArray());

    private static WebhookParseResult<SnykEvent> Deserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo, SnykEventHeader header)
        where T : SnykEvent
    {
        if (!WebhookJson.TryDeserialize(body, typeInfo, out var value, out var error))
        {
            return WebhookParseResult.Failure<SnykEvent>(WebhookParseError.WrongShape, error!);
        }

        value!.EventHeader = header;
        return WebhookParseResult.Success<SnykEvent>(value);
    }
}

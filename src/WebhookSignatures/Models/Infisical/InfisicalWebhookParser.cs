using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// Turns a verified Infisical body into its typed model in one call. Verify first: parsing says what a body claims,
/// not that Infisical sent it.
/// </summary>
/// <remarks>
/// The type is chosen by the body's top-level <c>event</c> (see <see cref="InfisicalEventNames"/>); a body without one is
/// a <see cref="InfisicalTeamsMessage"/> when its <c>type</c> is <c>message</c>, a <see cref="InfisicalSlackMessage"/> when
/// it has <c>text</c> or <c>attachments</c>, and an <see cref="InfisicalUnknownEvent"/> otherwise, as is an unknown event
/// name. Unknown members never fail a parse; known ones that are missing are <see langword="null"/>.
/// </remarks>
public static class InfisicalWebhookParser
{
    private const string TimestampProperty = "timestamp";

    /// <summary>Parses a verified body.</summary>
    /// <param name="body">The raw body, as verified.</param>
    /// <returns>
    /// The model, or <see cref="WebhookParseError.MalformedJson"/> (not JSON) or <see cref="WebhookParseError.WrongShape"/>
    /// (not an object, a non-string <c>event</c>, or a known member holding the wrong type). Never throws on the body.
    /// </returns>
    public static WebhookParseResult<InfisicalWebhook> Parse(ReadOnlySpan<byte> body)
    {
        if (!WebhookJson.TryValidate(body, out var root, out var error))
        {
            return WebhookParseResult.Failure<InfisicalWebhook>(WebhookParseError.MalformedJson, error!);
        }

        if (root != JsonTokenType.StartObject)
        {
            return WebhookParseResult.Failure<InfisicalWebhook>(WebhookParseError.WrongShape, "An Infisical body must be a JSON object.");
        }

        if (!TryReadTopLevel(body, out var top, out error))
        {
            return WebhookParseResult.Failure<InfisicalWebhook>(WebhookParseError.WrongShape, error!);
        }

        if (top.HasEvent)
        {
            var context = InfisicalJsonContext.Default;
            return top.Event switch
            {
                null => WebhookParseResult.Failure<InfisicalWebhook>(WebhookParseError.WrongShape, "The body's \"event\" is not a string."),
                InfisicalEventNames.SecretsModified => Deserialize(body, context.InfisicalSecretsModifiedEvent, top),
                InfisicalEventNames.SecretReminderExpired => Deserialize(body, context.InfisicalSecretReminderExpiredEvent, top),
                InfisicalEventNames.SecretRotationFailed => Deserialize(body, context.InfisicalSecretRotationFailedEvent, top),
                InfisicalEventNames.HoneyTokenTriggered => Deserialize(body, context.InfisicalHoneyTokenTriggeredEvent, top),
                InfisicalEventNames.ChangeRequestModified => Deserialize(body, context.InfisicalChangeRequestModifiedEvent, top),
                InfisicalEventNames.AccessRequestModified => Deserialize(body, context.InfisicalAccessRequestModifiedEvent, top),
                InfisicalEventNames.Test => Deserialize(body, context.InfisicalTestEvent, top),
                _ => Unknown(body, top),
            };
        }

        if (top.Type == InfisicalTeamsMessage.MessageType)
        {
            return Deserialize(body, InfisicalJsonContext.Default.InfisicalTeamsMessage, top);
        }

        return top.Type is null && (top.HasText || top.HasAttachments)
            ? Deserialize(body, InfisicalJsonContext.Default.InfisicalSlackMessage, top)
            : Unknown(body, top);
    }

    /// <summary>Parses a verified body held in several buffers.</summary>
    /// <param name="body">The raw body, as verified.</param>
    /// <returns>As <see cref="Parse(ReadOnlySpan{byte})"/>.</returns>
    public static WebhookParseResult<InfisicalWebhook> Parse(in ReadOnlySequence<byte> body) =>
        body.IsSingleSegment ? Parse(body.FirstSpan) : Parse(body.ToArray());

    private static WebhookParseResult<InfisicalWebhook> Deserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo, in TopLevel top)
        where T : InfisicalWebhook
    {
        if (!WebhookJson.TryDeserialize(body, typeInfo, out var value, out var error))
        {
            return WebhookParseResult.Failure<InfisicalWebhook>(WebhookParseError.WrongShape, error!);
        }

        SetTimestamp(value!, top);
        return WebhookParseResult.Success<InfisicalWebhook>(value!);
    }

    private static WebhookParseResult<InfisicalWebhook> Unknown(ReadOnlySpan<byte> body, TopLevel top)
    {
        var unknown = new InfisicalUnknownEvent(top.Event, WebhookJson.CloneRoot(body)) { TimestampUnixMs = top.Timestamp };
        return WebhookParseResult.Success<InfisicalWebhook>(unknown);
    }

    // The model does not map "timestamp" (the signer owns it); a value that is not whole milliseconds is kept as data.
    private static void SetTimestamp(InfisicalWebhook webhook, TopLevel top)
    {
        webhook.TimestampUnixMs = top.Timestamp;
        if (top.OtherTimestamp is { } other)
        {
            webhook.AdditionalProperties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            webhook.AdditionalProperties[TimestampProperty] = other;
        }
    }

    private static bool TryReadTopLevel(ReadOnlySpan<byte> body, out TopLevel top, out string? error)
    {
        top = default;
        error = null;
        var reader = new Utf8JsonReader(body);
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Later duplicates win, as they do when the serializer fills the model.
                if (reader.ValueTextEquals("event"u8))
                {
                    reader.Read();
                    top.HasEvent = true;
                    top.Event = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    top.Type = reader.TokenType == JsonTokenType.String ? reader.GetString() : string.Empty;
                }
                else if (reader.ValueTextEquals(TimestampProperty))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ms))
                    {
                        (top.Timestamp, top.OtherTimestamp) = (ms, null);
                    }
                    else
                    {
                        (top.Timestamp, top.OtherTimestamp) = (null, JsonElement.ParseValue(ref reader));
                        continue;
                    }
                }
                else
                {
                    top.HasText |= reader.ValueTextEquals("text"u8);
                    top.HasAttachments |= reader.ValueTextEquals("attachments"u8);
                    reader.Read();
                }

                reader.Skip();
            }

            return true;
        }
        catch (InvalidOperationException e)
        {
            // A string that is not valid UTF-8 is reported when it is read.
            error = e.Message;
            return false;
        }
    }

    private struct TopLevel
    {
        public bool HasEvent;
        public string? Event;
        public string? Type;
        public long? Timestamp;
        public JsonElement? OtherTimestamp;
        public bool HasText;
        public bool HasAttachments;
    }
}

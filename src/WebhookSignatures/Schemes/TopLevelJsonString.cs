using System.Text.Json;

namespace WebhookSignatures.Schemes;

/// <summary>Reads one top-level member of a JSON object body, for describing and identifying a delivery.</summary>
internal static class TopLevelJsonString
{
    /// <summary>Returns the member's string value, or null when the body is not a JSON object or has no such string.</summary>
    public static string? TryRead(ReadOnlySpan<byte> body, ReadOnlySpan<byte> propertyName)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            return MoveToMember(ref reader, body, propertyName) && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            // The string is not valid UTF-8 (the reader checks only when asked for the string).
            return null;
        }
    }

    /// <summary>Returns the member's value when it is a 32-bit integer, or null (Discord's interaction <c>type</c>).</summary>
    public static int? TryReadInt32(ReadOnlySpan<byte> body, ReadOnlySpan<byte> propertyName)
    {
        var reader = new Utf8JsonReader(body);
        return MoveToMember(ref reader, body, propertyName) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;
    }

    /// <summary>
    /// Returns the string member <paramref name="innerName"/> of the top-level object member <paramref name="outerName"/>
    /// (Zoom's <c>payload.plainToken</c>), or null.
    /// </summary>
    public static string? TryRead(ReadOnlySpan<byte> body, ReadOnlySpan<byte> outerName, ReadOnlySpan<byte> innerName)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            return MoveToMember(ref reader, body, outerName)
                && reader.TokenType == JsonTokenType.StartObject
                && MoveToMemberOfObject(ref reader, innerName)
                && reader.TokenType == JsonTokenType.String
                ? reader.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether the member is a string equal to <paramref name="value"/>; allocates nothing.</summary>
    public static bool IsString(ReadOnlySpan<byte> body, ReadOnlySpan<byte> propertyName, ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            return MoveToMember(ref reader, body, propertyName) && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(value);
        }
        catch (InvalidOperationException)
        {
            // The string's escapes are not valid UTF-16 (a lone surrogate): it equals nothing.
            return false;
        }
    }

    /// <summary>Moves the reader onto the value of the top-level member; false when the body is not a JSON object or lacks it.</summary>
    private static bool MoveToMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ReadOnlySpan<byte> propertyName)
    {
        // Form-encoded and other non-JSON bodies (Slack's slash commands) are common: turn them away without an exception.
        if (!OpensAsObject(body))
        {
            return false;
        }

        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && MoveToMemberOfObject(ref reader, propertyName);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a member name whose escapes are not valid UTF-16 (a lone surrogate): nothing to report.
            return false;
        }
    }

    /// <summary>From the start of an object, moves onto the value of its direct member; may throw <see cref="JsonException"/>.</summary>
    private static bool MoveToMemberOfObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> propertyName)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var match = reader.ValueTextEquals(propertyName);
            if (!reader.Read())
            {
                return false;
            }

            if (match)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>Whether the first byte after JSON whitespace (and a UTF-8 byte order mark, which the reader skips) is <c>{</c>.</summary>
    private static bool OpensAsObject(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && body[start] == (byte)'{';
    }
}

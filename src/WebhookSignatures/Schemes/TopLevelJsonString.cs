using System.Text.Json;

namespace WebhookSignatures.Schemes;

/// <summary>Reads one top-level string member of a JSON object body, for describing a delivery.</summary>
internal static class TopLevelJsonString
{
    /// <summary>Returns the member's string value, or null when the body is not a JSON object or has no such string.</summary>
    public static string? TryRead(ReadOnlySpan<byte> body, ReadOnlySpan<byte> propertyName)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.CurrentDepth > 0)
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var match = reader.ValueTextEquals(propertyName);
                if (!reader.Read())
                {
                    return null;
                }

                if (match)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing to report.
        }
        catch (InvalidOperationException)
        {
            // The string is not valid UTF-8 (the reader checks only when asked for the string).
        }

        return null;
    }
}

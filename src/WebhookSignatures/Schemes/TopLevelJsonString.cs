using System.Text.Json;

namespace WebhookSignatures.Schemes;

/// <summary>Reads one top-level member of a JSON object body, for describing a delivery.</summary>
internal static class TopLevelJsonString
{
    /// <summary>Returns the member's string value, or null when the body is not a JSON object or has no such string.</summary>
    public static string? TryRead(ReadOnlySpan<byte> body, ReadOnlySpan<byte> propertyName)
    {
        try
        {
            return TryFind(body, propertyName, out var reader) && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            // The string is not valid UTF-8 (the reader checks only when asked for the string).
            return null;
        }
    }

    /// <summary>Returns the member's value when it is a 32-bit integer, or null.</summary>
    public static int? TryReadInt32(ReadOnlySpan<byte> body, ReadOnlySpan<byte> propertyName) =>
        TryFind(body, propertyName, out var reader) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;

    /// <summary>
    /// Positions <paramref name="reader"/> on the value of the body's first top-level member named
    /// <paramref name="propertyName"/>; false when the body is not a JSON object or has none. Never throws.
    /// </summary>
    private static bool TryFind(ReadOnlySpan<byte> body, ReadOnlySpan<byte> propertyName, out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
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
                    return false;
                }

                if (match)
                {
                    return true;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing to report.
        }

        return false;
    }
}

using System.Text.Json;

namespace WebhookSignatures.Schemes;

/// <summary>Reads a top-level integer member of a JSON object body, such as a signed timestamp the sender puts there.</summary>
internal static class TopLevelJsonInteger
{
    /// <summary>
    /// Finds the body's one top-level member named <paramref name="propertyName"/> holding a 64-bit integer. False when the
    /// body is not a JSON object, has no such member, has it more than once or holds anything but an integer there.
    /// </summary>
    public static bool TryReadSingle(ReadOnlySpan<byte> body, ReadOnlySpan<byte> propertyName, out long value)
    {
        value = 0;
        var found = 0;
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(propertyName))
                {
                    continue;
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out value))
                {
                    value = 0;
                    return false;
                }

                found++;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a member name whose escapes are not valid UTF-16: there is no such member to find.
            value = 0;
            return false;
        }

        return found == 1;
    }
}

using System.Text.Json;

namespace WebhookSignatures.Schemes.Infisical;

/// <summary>
/// Reads the top-level <c>"timestamp"</c> number of an Infisical body from the raw bytes, and appends it when signing.
/// </summary>
internal static class InfisicalBodyTimestamp
{
    private const string PropertyName = "timestamp";

    /// <summary>
    /// Finds the body's top-level numeric <c>timestamp</c>. The body must open as a JSON object: its first byte
    /// after JSON whitespace is <c>{</c>. The sender writes the timestamp as the last member, so the
    /// common case reads it backwards from the closing brace without touching the rest of the body (the
    /// body's integrity is the MAC's job, already checked). Any other layout falls back to a full
    /// <see cref="Utf8JsonReader"/> pass that requires exactly one such member.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out long timestampUnixMs)
    {
        // The opening brace is checked even on the backwards path: an Infisical alert's MAC covers "<ms>." + body,
        // bytes that start with a digit, and under a shared secret those bytes would otherwise pass as a project
        // body whenever the alert body ends in "timestamp": <ms>.
        timestampUnixMs = 0;
        return OpensAsObject(body) && (TryReadLastMember(body, out timestampUnixMs) || TryReadWithReader(body, out timestampUnixMs));
    }

    /// <summary>
    /// Returns <paramref name="jsonObject"/> with <c>"timestamp":&lt;ms&gt;</c> added as its last top-level member,
    /// every other byte unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not one JSON object, or already has a top-level timestamp.</exception>
    public static byte[] Append(ReadOnlySpan<byte> jsonObject, long timestampUnixMs)
    {
        var memberCount = CountMembers(jsonObject);
        var close = jsonObject.LastIndexOf((byte)'}');
        var member = System.Text.Encoding.ASCII.GetBytes(
            $"{(memberCount > 0 ? "," : string.Empty)}\"{PropertyName}\":{timestampUnixMs.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var result = new byte[jsonObject.Length + member.Length];
        jsonObject[..close].CopyTo(result);
        member.CopyTo(result.AsSpan(close));
        jsonObject[close..].CopyTo(result.AsSpan(close + member.Length));
        return result;
    }

    private static int CountMembers(ReadOnlySpan<byte> jsonObject)
    {
        var reader = new Utf8JsonReader(jsonObject, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var members = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ArgumentException("An Infisical body must be a JSON object.", nameof(jsonObject));
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals(PropertyName))
                    {
                        throw new ArgumentException(
                            "The body already has a top-level \"timestamp\" property; the signer adds it, so leave it out.", nameof(jsonObject));
                    }

                    members++;
                }
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The body is not valid JSON: {e.Message}", nameof(jsonObject));
        }
        catch (InvalidOperationException e)
        {
            // A member name escaping a lone surrogate cannot be compared: the body is no JSON object a sender could sign.
            throw new ArgumentException($"The body is not valid JSON: {e.Message}", nameof(jsonObject));
        }

        return members;
    }

    private static bool TryReadLastMember(ReadOnlySpan<byte> body, out long value)
    {
        value = 0;
        var i = SkipWhitespaceBackwards(body, body.Length - 1);
        if (i < 0 || body[i] != (byte)'}')
        {
            return false;
        }

        i = SkipWhitespaceBackwards(body, i - 1);
        var digitsEnd = i + 1;
        while (i >= 0 && body[i] - (uint)'0' <= 9)
        {
            i--;
        }

        var digits = body[(i + 1)..digitsEnd];
        if (!UnixTimestamp.TryParseJson(digits, out value))
        {
            return false;
        }

        i = SkipWhitespaceBackwards(body, i);
        if (i < 0 || body[i] != (byte)':')
        {
            return false;
        }

        i = SkipWhitespaceBackwards(body, i - 1);
        ReadOnlySpan<byte> key = "\"timestamp\""u8;
#pragma warning disable RS0030 // A JSON member name from a signed body, not signature material.
        if (i + 1 < key.Length || !body[(i + 1 - key.Length)..(i + 1)].SequenceEqual(key))
#pragma warning restore RS0030
        {
            return false;
        }

        // The opening quote must follow a member separator or the object's opening brace;
        // anything else (an escape, a longer key) is left to the full reader.
        i = SkipWhitespaceBackwards(body, i - key.Length);
        return i >= 0 && (body[i] == (byte)',' || body[i] == (byte)'{');
    }

    private static bool TryReadWithReader(ReadOnlySpan<byte> body, out long value) =>
        TopLevelJsonInteger.TryReadSingle(body, "timestamp"u8, out value);

    private static bool OpensAsObject(ReadOnlySpan<byte> body)
    {
        var i = 0;
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < body.Length && body[i] == (byte)'{';
    }

    private static int SkipWhitespaceBackwards(ReadOnlySpan<byte> body, int i)
    {
        while (i >= 0 && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i--;
        }

        return i;
    }
}

using System.Buffers;
using System.Text.Json;

namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// JSON as senders sign it, without insignificant whitespace: the form a body re-serialized by a log or a viewer had
/// before it was indented. Values and escapes are kept byte for byte, so only the spacing changes.
/// </summary>
internal static class CompactJson
{
    /// <summary>Whether the body is a JSON object or array laid out on indented lines.</summary>
    public static bool LooksIndented(byte[] body)
    {
        var span = body.AsSpan().TrimStart(" \t\r\n"u8);
        return span.Length > 0
            && span[0] is (byte)'{' or (byte)'['
            && (span.IndexOf("\n  "u8) >= 0 || span.IndexOf("\n\t"u8) >= 0)
            && TryMinify(body) is not null;
    }

    /// <summary>The same JSON without insignificant whitespace, or null when the body is not JSON.</summary>
    public static byte[]? TryMinify(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var buffer = new MemoryStream(body.Length);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                        case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                        case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                        case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                        case JsonTokenType.PropertyName: writer.WritePropertyName(RawText(ref reader)); break;
                        case JsonTokenType.String: writer.WriteRawValue(Quote(RawText(ref reader)), skipInputValidation: true); break;
                        default: writer.WriteRawValue(RawText(ref reader), skipInputValidation: true); break;
                    }
                }
            }

            return buffer.ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] RawText(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();

    private static byte[] Quote(byte[] raw)
    {
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted, 1);
        return quoted;
    }
}

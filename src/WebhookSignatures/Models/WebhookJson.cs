using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace WebhookSignatures.Models;

/// <summary>Reading and writing payload JSON for every sender's models: one place for the encoder and the error mapping.</summary>
internal static class WebhookJson
{
    /// <summary>
    /// Compact output, non-ASCII text of the Basic Multilingual Plane kept as UTF-8 rather than <c>\uXXXX</c>, as
    /// JavaScript senders' <c>JSON.stringify</c> writes it (characters outside it, such as emoji, are still escaped). The relaxed encoder does not escape HTML-sensitive characters (<c>&lt; &gt; &amp; '</c>); that is
    /// safe here because a webhook body is sent as <c>application/json</c>, never embedded in an HTML page.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Serializes <paramref name="value"/> to compact UTF-8 JSON with <see cref="WriterOptions"/>.</summary>
    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="element"/> compactly with <see cref="WriterOptions"/>.</summary>
    public static byte[] Write(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            element.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="element"/> (an object) compactly, leaving out the top-level members named in <paramref name="skip"/>.</summary>
    public static byte[] WriteObjectWithout(JsonElement element, string skip)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The raw body must be a JSON object.", nameof(element));
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var member in element.EnumerateObject())
            {
                if (!member.NameEquals(skip))
                {
                    member.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Checks that <paramref name="body"/> is one well-formed JSON value and reports the root's kind, so that a later
    /// deserialization failure can only mean a wrong shape.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<byte> body, out JsonTokenType rootKind, out string? error)
    {
        rootKind = JsonTokenType.None;
        error = null;

        // The reader accepts any bytes inside strings and only fails when one is read; check the encoding up front.
        if (!Utf8.IsValid(body))
        {
            error = "The body is not valid UTF-8.";
            return false;
        }

        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read())
            {
                error = "The body is empty.";
                return false;
            }

            rootKind = reader.TokenType;
            reader.Skip();

            // Reading past the root finds trailing content; at the end of the input it just returns false.
            if (reader.Read())
            {
                error = "The body has content after its JSON value.";
                return false;
            }

            return true;
        }
        catch (JsonException e)
        {
            error = Describe(e);
            return false;
        }
    }

    /// <summary>
    /// Deserializes an already validated body. A failure here is a value of the wrong type for a known property.
    /// </summary>
    public static bool TryDeserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo, out T? value, out string? error)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize(body, typeInfo);
            error = value is null ? "The body is JSON null." : null;
            return value is not null;
        }
        catch (JsonException e)
        {
            value = null;
            error = Describe(e);
            return false;
        }
        catch (InvalidOperationException e)
        {
            // The reader reports text that is not valid UTF-8 this way when a string is materialised.
            value = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Copies the body's root value into an element that owns its memory, so it outlives the receive buffer.</summary>
    public static JsonElement CloneRoot(ReadOnlySpan<byte> validatedBody)
    {
        var reader = new Utf8JsonReader(validatedBody);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>A JSON exception's message names the path and position of the problem.</summary>
    public static string Describe(JsonException e) => e.Message;
}

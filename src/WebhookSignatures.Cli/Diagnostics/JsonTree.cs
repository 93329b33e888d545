using System.Buffers;
using System.Text.Json;

namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// A JSON body as its tokens, kept byte for byte (numbers and string escapes as written), so it can be written
/// again with one thing changed: the layout, the escaping or the order of keys. Only for diagnosis; never verified as.
/// </summary>
internal abstract record JsonTree
{
    /// <summary>The body's tree, or null when it is not one JSON value, holds invalid UTF-8 or nests deeper than the reader allows.</summary>
    public static JsonTree? TryParse(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read())
            {
                return null;
            }

            var tree = Read(ref reader);
            return reader.Read() ? null : tree;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not valid UTF-8 (which no rewrite could reproduce byte for byte).
            return null;
        }
    }

    private static JsonTree Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new List<(JsonString Name, JsonTree Value)>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = JsonString.From(ref reader);
                    reader.Read();
                    members.Add((name, Read(ref reader)));
                }

                return new JsonObject(members);
            case JsonTokenType.StartArray:
                var items = new List<JsonTree>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader));
                }

                return new JsonArray(items);
            case JsonTokenType.String:
                return JsonString.From(ref reader);
            default:
                return new JsonLiteral(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
        }
    }
}

/// <summary>An object, its members in the order written.</summary>
internal sealed record JsonObject(List<(JsonString Name, JsonTree Value)> Members) : JsonTree;

internal sealed record JsonArray(List<JsonTree> Items) : JsonTree;

/// <summary>A number, true, false or null, as written.</summary>
internal sealed record JsonLiteral(byte[] Raw) : JsonTree;

/// <summary>A string or a key: as written between the quotes, and what it stands for.</summary>
internal sealed record JsonString(byte[] Raw, string Value) : JsonTree
{
    public static JsonString From(ref Utf8JsonReader reader) =>
        new(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray(), reader.GetString()!);
}

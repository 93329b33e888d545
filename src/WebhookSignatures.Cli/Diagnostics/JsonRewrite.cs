using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// One way a JSON body may have been re-serialized, undone: its layout (compact, or indented by two spaces as
/// Stripe sends it), its string escaping (as written, characters unescaped, or escaped as .NET's writer escapes
/// them: <c>\u00E9</c>, <c>\u003C</c>) and its key order (as written, or sorted). Writing the tree with one of these is a
/// candidate for the bytes that were signed.
/// </summary>
internal sealed record JsonRewrite(JsonLayout Layout, JsonEscaping Escaping, bool SortKeys)
{
    private static readonly JavaScriptEncoder Unescaped = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Every rewrite but the identity, plainest first: spacing alone, then escaping, then key order.</summary>
    public static IEnumerable<JsonRewrite> All()
    {
        foreach (var sort in (bool[])[false, true])
        {
            foreach (var escaping in (JsonEscaping[])[JsonEscaping.AsWritten, JsonEscaping.Unescaped, JsonEscaping.DotNet])
            {
                foreach (var layout in (JsonLayout[])[JsonLayout.AsWritten, JsonLayout.Compact, JsonLayout.Indented])
                {
                    if (layout != JsonLayout.AsWritten || escaping != JsonEscaping.AsWritten || sort)
                    {
                        yield return new JsonRewrite(layout, escaping, sort);
                    }
                }
            }
        }
    }

    /// <summary>How the signed bytes differ from those received, for a hint: "as compact JSON and with … ".</summary>
    public string Describe()
    {
        var parts = new List<string>(3);
        if (Layout != JsonLayout.AsWritten)
        {
            parts.Add(Layout == JsonLayout.Compact ? "as compact JSON" : "indented by two spaces");
        }

        if (Escaping == JsonEscaping.Unescaped)
        {
            parts.Add("with \\u escapes written as the characters they stand for (a .NET JSON writer escapes é as \\u00E9 and < as \\u003C)");
        }
        else if (Escaping == JsonEscaping.DotNet)
        {
            parts.Add("with non-ASCII and HTML-sensitive characters escaped as \\u00E9 and \\u003C (the sender's writer escapes them; the copy received has them unescaped)");
        }

        if (SortKeys)
        {
            parts.Add("with its keys in sorted order (they were reordered)");
        }

        return string.Join(", ", parts);
    }

    /// <summary>The tree written this way; null when a layout "as written" cannot be kept (the tree has no original spacing).</summary>
    public byte[] Write(JsonTree tree, byte[] original)
    {
        if (Layout == JsonLayout.AsWritten)
        {
            return WriteKeepingSpacing(original);
        }

        var output = new StringBuilder(original.Length + 64);
        Write(output, tree, 0);
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private void Write(StringBuilder output, JsonTree tree, int depth)
    {
        switch (tree)
        {
            case JsonObject { Members.Count: 0 }:
                output.Append("{}");
                break;
            case JsonObject o:
                output.Append('{');
                var members = SortKeys ? o.Members.OrderBy(m => m.Name.Value, StringComparer.Ordinal).ToList() : o.Members;
                for (var i = 0; i < members.Count; i++)
                {
                    output.Append(i == 0 ? string.Empty : ",");
                    NewLine(output, depth + 1);
                    Write(output, members[i].Name, depth + 1);
                    output.Append(Layout == JsonLayout.Indented ? ": " : ":");
                    Write(output, members[i].Value, depth + 1);
                }

                NewLine(output, depth);
                output.Append('}');
                break;
            case JsonArray { Items.Count: 0 }:
                output.Append("[]");
                break;
            case JsonArray a:
                output.Append('[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    output.Append(i == 0 ? string.Empty : ",");
                    NewLine(output, depth + 1);
                    Write(output, a.Items[i], depth + 1);
                }

                NewLine(output, depth);
                output.Append(']');
                break;
            case JsonString s:
                output.Append('"').Append(Escape(s)).Append('"');
                break;
            case JsonLiteral l:
                output.Append(Encoding.UTF8.GetString(l.Raw));
                break;
        }
    }

    private string Escape(JsonString s) => Escaping switch
    {
        JsonEscaping.Unescaped => JsonEncodedText.Encode(s.Value, Unescaped).ToString(),
        JsonEscaping.DotNet => JsonEncodedText.Encode(s.Value, JavaScriptEncoder.Default).ToString(),
        _ => Encoding.UTF8.GetString(s.Raw),
    };

    private void NewLine(StringBuilder output, int depth)
    {
        if (Layout == JsonLayout.Indented)
        {
            output.Append('\n').Append(' ', depth * 2);
        }
    }

    /// <summary>
    /// Rewrites only the strings (escaping) and, when asked, the key order of the original bytes' tree while keeping its
    /// spacing: done token by token over the original, so whitespace between tokens stays as received.
    /// </summary>
    private byte[] WriteKeepingSpacing(byte[] original)
    {
        if (SortKeys)
        {
            // Reordering moves members and their spacing together only for a flat layout; not undone here.
            return original;
        }

        var reader = new Utf8JsonReader(original);
        var output = new StringBuilder(original.Length + 64);
        var at = 0;
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
            {
                continue;
            }

            // TokenStartIndex is the opening quote; the raw value follows it.
            var start = (int)reader.TokenStartIndex;
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            output.Append(Encoding.UTF8.GetString(original, at, start - at));
            output.Append('"').Append(Escape(new JsonString(raw, reader.GetString()!))).Append('"');
            at = start + raw.Length + 2;
        }

        output.Append(Encoding.UTF8.GetString(original, at, original.Length - at));
        return Encoding.UTF8.GetBytes(output.ToString());
    }
}

/// <summary>The layout a <see cref="JsonRewrite"/> writes.</summary>
internal enum JsonLayout
{
    AsWritten,
    Compact,
    Indented,
}

/// <summary>The string escaping a <see cref="JsonRewrite"/> writes.</summary>
internal enum JsonEscaping
{
    AsWritten,
    Unescaped,
    DotNet,
}

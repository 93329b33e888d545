using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace WebhookSignatures.Cli.Output;

/// <summary>
/// Makes text that a sender controls (unsigned headers, event names, bodies, messages quoting them) safe to print.
/// Raw, a control character lets the text drive the operator's terminal: ESC starts sequences that retitle the
/// window or clear the screen, CR overwrites the line, BEL rings, and C1 characters such as U+009B act as ESC [ on
/// some terminals. Bidirectional controls reorder what the operator reads. Each is shown as a visible escape
/// instead: <c>\x1b</c>, <c>\r</c>, <c>\u202e</c>.
/// </summary>
/// <remarks>
/// A backslash is left as it is, so paths and regular text read unchanged; the escapes are for the operator's eyes,
/// not a format to decode.
/// </remarks>
internal static class TerminalText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        // C0 controls, DEL and C1 controls.
        string.Concat(Enumerable.Range(0x00, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Select(c => (char)c))

        // Bidirectional marks, embeddings, overrides and isolates; the line and paragraph separators.
        + "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069");

    /// <summary>
    /// Returns <paramref name="text"/> with every control or bidirectional character replaced by a visible escape,
    /// or the same string when it has none.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Escape(string? text)
    {
        var first = text is null ? -1 : text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text!.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!Unsafe.Contains(c))
            {
                builder.Append(c);
            }
            else if (c is '\t' or '\n' or '\r')
            {
                builder.Append(c switch { '\t' => "\\t", '\n' => "\\n", _ => "\\r" });
            }
            else if (c <= '\u00ff')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Escapes, as JSON <c>\uXXXX</c>, the characters that compact JSON from the tool's encoder still carries raw: the
    /// encoder escapes control characters but lets the bidirectional ones through. The JSON means the same afterwards.
    /// </summary>
    /// <remarks>
    /// Outside strings, compact JSON holds only printable ASCII; inside them, the encoder has already escaped every
    /// control character, so a raw tab, LF or CR can only be whitespace between tokens, which must stay as it is.
    /// </remarks>
    public static string EscapeJson(string json)
    {
        var first = json.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return json;
        }

        var builder = new StringBuilder(json.Length + 16).Append(json, 0, first);
        foreach (var c in json.AsSpan(first))
        {
            if (c is '\t' or '\n' or '\r' || !Unsafe.Contains(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return builder.ToString();
    }
}

using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>A body for reading: its text, and a formatted view for JSON (indented) and forms (one field a line).</summary>
/// <param name="Length">The body's length in bytes.</param>
/// <param name="Text">The body as UTF-8 text, cut at <see cref="DisplayLimit"/> characters.</param>
/// <param name="Note">What the text does not show as is (not UTF-8, cut), or null.</param>
/// <param name="FormattedKind">JSON or form, when <paramref name="Formatted"/> is set.</param>
/// <param name="Formatted">The formatted view, or null when the body is neither.</param>
internal sealed record InspectedBody(int Length, string Text, string? Note, string? FormattedKind, string? Formatted)
{
    public const int DisplayLimit = 256 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static InspectedBody Create(byte[] body, string? contentType, Func<string, string> redact)
    {
        string text;
        string? note = null;
        try
        {
            text = Strict.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.UTF8.GetString(body);
            note = "not valid UTF-8: invalid bytes are shown as \uFFFD; the exact bytes are in the verify command";
        }

        text = redact(text);
        if (text.Length > DisplayLimit)
        {
            text = text[..DisplayLimit];
            note = (note is null ? string.Empty : note + "; ") + $"showing the first {DisplayLimit / 1024} KiB";
        }

        var (kind, formatted) = body.Length <= DisplayLimit ? Format(body, contentType) : (null, null);
        return new InspectedBody(body.Length, text, note, kind, formatted is null ? null : redact(formatted));
    }

    private static (string? Kind, string? Formatted) Format(byte[] body, string? contentType)
    {
        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            return ("form", FormatForm(body));
        }

        var start = body.AsSpan().TrimStart(" \t\r\n"u8);
        return start.Length > 0 && start[0] is (byte)'{' or (byte)'[' && FormatJson(body) is { } json ? ("JSON", json) : (null, null);
    }

    private static string? FormatJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var buffer = new ArrayBufferWriter<byte>(body.Length * 2);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }))
            {
                document.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? FormatForm(byte[] body)
    {
        try
        {
            var fields = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            return string.Join('\n', fields.SelectMany(f => f.Value.Select(v => $"{f.Key} = {v}")));
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return null;
        }
    }
}

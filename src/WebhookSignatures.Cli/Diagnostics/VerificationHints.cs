using System.Globalization;
using System.Text.Json;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// Explains a verdict: which secret matched, how far outside the window a timestamp lies, and, for a mismatch,
/// what most often changed the bytes (line endings, a final newline, re-serialized JSON, a padded secret) or
/// which other scheme's format the headers follow. Every hint is checked with the library's own verifier.
/// </summary>
internal sealed class VerificationHints
{
    private const long DayMs = 86_400_000;
    private const long NearMs = 3_653 * DayMs;

    private readonly string _schemeName;
    private readonly WebhookSchemeOptions _options;
    private readonly WebhookScheme _scheme;
    private readonly IWebhookHeaders _headers;
    private readonly byte[] _body;
    private readonly KeyRing _keys;
    private readonly IReadOnlyList<string> _secrets;

    public VerificationHints(string schemeName, WebhookSchemeOptions options, IWebhookHeaders headers, byte[] body, KeyRing keys, IReadOnlyList<string> secrets)
    {
        _schemeName = schemeName;
        _options = options;
        _scheme = WebhookSchemeCatalog.Get(schemeName).Create(options);
        _headers = headers;
        _body = body;
        _keys = keys;
        _secrets = secrets;
    }

    /// <summary>The hints for <paramref name="result"/>, most useful first.</summary>
    public List<string> Explain(WebhookVerificationResult result)
    {
        var hints = new List<string>();
        if (result.MatchedKeyIndex is { } index)
        {
            hints.Add(index == 0
                ? $"The current secret (#0 of {_keys.Count}) matched."
                : $"An older secret (#{index} of {_keys.Count}) matched: the sender still signs with it. Move the sender to the current secret (#0) before dropping #{index}.");
        }

        switch (result.FailureReason)
        {
            case WebhookFailureReason.TimestampTooOld or WebhookFailureReason.TimestampTooNew:
                if (ExplainTimestampUnit(result) is { } unit)
                {
                    hints.Add(unit);
                }

                hints.Add(ExplainWindow(result));
                break;
            case WebhookFailureReason.TimestampNotSigned:
                hints.AddRange(ExplainUnsignedTimestamp());
                break;
            case WebhookFailureReason.SignatureMismatch:
                hints.AddRange(ExplainMismatch());
                break;
            case WebhookFailureReason.MissingSignature or WebhookFailureReason.MalformedSignature:
                hints.Add($"The {_schemeName} scheme reads {string.Join(", ", _scheme.HeaderNames)}.");
                hints.AddRange(ExplainOtherSchemes());
                break;
            case WebhookFailureReason.UnsupportedAlgorithm:
                hints.Add($"The signature is labelled with an algorithm the {_schemeName} scheme does not accept (it accepts HMAC-SHA256 only).");
                hints.AddRange(ExplainOtherSchemes());
                break;
            case WebhookFailureReason.NoSecrets:
                hints.Add("No secret was given: pass --secret or --secret-env. Verification fails closed without one.");
                break;
        }

        return hints;
    }

    private string ExplainWindow(WebhookVerificationResult result)
    {
        if (result.TimestampUnixMs is not { } signed)
        {
            return "The signed timestamp is outside the window.";
        }

        // In 128 bits and without DateTimeOffset: a sender may sign any 64-bit time, far beyond the calendar.
        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var age = (Int128)now - signed;
        var tolerance = (Int128)(long)_options.Tolerance.TotalMilliseconds;
        var distance = Int128.Abs(age);
        var direction = age > 0 ? "before" : "after";
        var at = UnixMilliseconds.IsInCalendar(signed)
            ? UnixMilliseconds.Format(signed)
            : string.Create(CultureInfo.InvariantCulture, $"{signed} ({UnixMilliseconds.Format(signed)})");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The signed timestamp {at} is {Format(distance)} {direction} now ({UnixMilliseconds.Format(now)}): {Format(distance - tolerance)} outside the ±{Format(tolerance)} window. Check a captured delivery with --now <unix ms when it arrived>, or widen --tolerance.");
    }

    /// <summary>
    /// Recognises a sender that writes milliseconds where the scheme has seconds (or the reverse): the time it signs
    /// then lies tens of thousands of years ahead (or in January 1970), while the number it wrote, read in the other
    /// unit, is close to now.
    /// </summary>
    private string? ExplainTimestampUnit(WebhookVerificationResult result)
    {
        if (result.TimestampUnixMs is not { } signed)
        {
            return null;
        }

        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var unit = WebhookSchemeCatalog.Get(_schemeName).TimestampUnit;
        if (unit == WebhookTimestampUnit.Seconds && result.FailureReason == WebhookFailureReason.TimestampTooNew)
        {
            // The scheme read the sender's number as seconds and multiplied it by 1000; as milliseconds it is the number itself.
            var written = signed / 1000;
            return IsNear(written, now)
                ? string.Create(CultureInfo.InvariantCulture, $"The timestamp {written} looks like Unix milliseconds ({UnixMilliseconds.Format(written)}), but the {_schemeName} scheme's timestamp is in seconds: the sender writes milliseconds where seconds belong, so the time it signs lies tens of thousands of years ahead.")
                : null;
        }

        if (unit == WebhookTimestampUnit.Milliseconds && result.FailureReason == WebhookFailureReason.TimestampTooOld && signed is >= 0 and <= long.MaxValue / 1000)
        {
            return IsNear(signed * 1000, now)
                ? string.Create(CultureInfo.InvariantCulture, $"The timestamp {signed} looks like Unix seconds ({UnixMilliseconds.Format(signed * 1000)}), but the {_schemeName} scheme's timestamp is in milliseconds: the sender writes seconds where milliseconds belong, so the time it signs lies in January 1970.")
                : null;
        }

        return null;
    }

    /// <summary>Within ten years of now, in 128 bits so that no time overflows.</summary>
    private static bool IsNear(long unixMs, long nowMs) => Int128.Abs((Int128)unixMs - nowMs) <= NearMs;

    private IEnumerable<string> ExplainUnsignedTimestamp()
    {
        var headerTimestamp = ReadHeaderTimestamp();
        var bodyTimestamp = ReadBodyTimestamp(_body);
        if (headerTimestamp is { } t && bodyTimestamp is { } b && t != b)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"The header says t={t} but the body's signed \"timestamp\" is {b} ({(Int128)t - b:+#;-#;0} ms): the header's time is not the one the signature covers, which is how a replayed body with a fresh header looks.");
        }
        else if (bodyTimestamp is null)
        {
            yield return "The body has no top-level numeric \"timestamp\": the signature covers the body only, so the header's t is unsigned. Was the body cut or re-serialized?";
        }
        else
        {
            yield return "The header's timestamp is not the one the signature covers.";
        }
    }

    private IEnumerable<string> ExplainMismatch()
    {
        var explained = false;
        foreach (var (altered, what) in AlternativeBodies())
        {
            if (Matches(_scheme, altered, _keys))
            {
                explained = true;
                yield return $"The signature matches the body {what}: the bytes were changed after signing. Verify the raw bytes as received.";
            }
        }

        for (var i = 0; i < _secrets.Count; i++)
        {
            var trimmed = _secrets[i].Trim();
            if (trimmed.Length == _secrets[i].Length || trimmed.Length == 0)
            {
                continue;
            }

            using var trimmedKeys = TryCreateKeyRing([trimmed]);
            if (trimmedKeys is not null && Matches(_scheme, _body, trimmedKeys))
            {
                explained = true;
                yield return $"Secret #{i} has leading or trailing whitespace; without it, it matches. Check how the secret was copied or stored.";
            }
        }

        if (explained)
        {
            yield break;
        }

        if (_body.AsSpan().IndexOf("\r\n"u8) >= 0)
        {
            yield return "The body has CRLF (\\r\\n) line endings. Senders sign what they send; an editor, git's autocrlf or a copy from a terminal may have changed them.";
        }

        if (_body.Length > 0 && _body[^1] == (byte)'\n')
        {
            yield return "The body ends with a line break. Editors and 'echo' add one; capture the body with the exact bytes received.";
        }

        if (LooksReserialized(_body))
        {
            yield return "The body is indented JSON, but senders sign compact JSON: it looks re-serialized (a log, a browser or a JSON viewer reformats it). Capture the raw bytes.";
        }

        yield return $"Check that the secret is the sender's ({_keys.Count} tried) and that the body is the one that was signed, byte for byte.";
        foreach (var other in ExplainOtherSchemes())
        {
            yield return other;
        }
    }

    private IEnumerable<string> ExplainOtherSchemes()
    {
        using var probe = _keys.IsEmpty ? KeyRing.FromSecrets("probe-secret-for-format-detection") : null;
        foreach (var name in CliOptions.SchemeNames)
        {
            if (name == _schemeName)
            {
                continue;
            }

            WebhookScheme other;
            KeyRing? keys;
            try
            {
                other = WebhookSchemeCatalog.Get(name).Create(_options);
                keys = TryCreateKeyRing(_secrets, other) ?? probe;
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (keys is null)
            {
                continue;
            }

            var result = other.Verify(_headers, _body, keys);
            if (result.FailureReason is not (WebhookFailureReason.MissingSignature or WebhookFailureReason.MalformedSignature or WebhookFailureReason.NoSecrets))
            {
                var verdict = result.IsValid ? "and verify with it" : $"({result.FailureReason} with it)";
                yield return $"The headers follow the {name} scheme's format ({string.Join(", ", other.HeaderNames)}) {verdict}: try --scheme {name}.";
            }

            if (!ReferenceEquals(keys, probe))
            {
                keys.Dispose();
            }
        }
    }

    private List<(byte[] Body, string What)> AlternativeBodies()
    {
        var alternatives = new List<(byte[] Body, string What)>(3);
        var span = _body.AsSpan();
        if (span.IndexOf("\r\n"u8) >= 0)
        {
            alternatives.Add((Replace(_body, "\r\n"u8, "\n"u8), "with LF instead of CRLF line endings"));
        }
        else if (span.IndexOf((byte)'\n') >= 0)
        {
            alternatives.Add((Replace(_body, "\n"u8, "\r\n"u8), "with CRLF instead of LF line endings"));
        }

        var trimmed = span.TrimEnd("\r\n"u8);
        if (trimmed.Length != span.Length)
        {
            alternatives.Add((trimmed.ToArray(), "without its final line break"));
        }

        if (TryMinify(_body) is { } compact && !compact.AsSpan().SequenceEqual(span))
        {
            alternatives.Add((compact, "as compact JSON (it was re-serialized with different spacing)"));
        }

        return alternatives;
    }

    private KeyRing? TryCreateKeyRing(IReadOnlyList<string> secrets, WebhookScheme? scheme = null)
    {
        if (secrets.Count == 0)
        {
            return null;
        }

        try
        {
            return (scheme ?? _scheme).CreateKeyRing(secrets);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private bool Matches(WebhookScheme scheme, byte[] body, KeyRing keys)
    {
        var result = scheme.Verify(_headers, body, keys);
        return result.IsValid || result.MatchedKeyIndex.HasValue;
    }

    private long? ReadHeaderTimestamp()
    {
        foreach (var name in _scheme.HeaderNames)
        {
            var value = _headers.GetValue(name)?.Trim();
            if (value is null || !value.StartsWith("t=", StringComparison.Ordinal))
            {
                continue;
            }

            var end = value.IndexOfAny([';', ',']);
            var digits = end < 0 ? value[2..] : value[2..end];
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                return t;
            }
        }

        return null;
    }

    private static long? ReadBodyTimestamp(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("timestamp", out var value)
                && value.ValueKind == JsonValueKind.Number
                && value.TryGetInt64(out var ms)
                ? ms
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool LooksReserialized(byte[] body)
    {
        var span = body.AsSpan().TrimStart(" \t\r\n"u8);
        return span.Length > 0
            && span[0] is (byte)'{' or (byte)'['
            && (span.IndexOf("\n  "u8) >= 0 || span.IndexOf("\n\t"u8) >= 0)
            && TryMinify(body) is not null;
    }

    /// <summary>The same JSON without insignificant whitespace (values and escapes byte for byte), or null when not JSON.</summary>
    private static byte[]? TryMinify(byte[] body)
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
        reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();

    private static byte[] Quote(byte[] raw)
    {
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted, 1);
        return quoted;
    }

    private static byte[] Replace(byte[] body, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        using var buffer = new MemoryStream(body.Length);
        var rest = body.AsSpan();
        int at;
        while ((at = rest.IndexOf(from)) >= 0)
        {
            buffer.Write(rest[..at]);
            buffer.Write(to);
            rest = rest[(at + from.Length)..];
        }

        buffer.Write(rest);
        return buffer.ToArray();
    }

    /// <summary>A duration in milliseconds as <c>12 ms</c> or <c>2d 3h 4m 5.5s</c>; days are not capped, as a signed time is not.</summary>
    private static string Format(Int128 milliseconds)
    {
        milliseconds = Int128.Abs(milliseconds);
        if (milliseconds < 1000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{milliseconds} ms");
        }

        var days = milliseconds / DayMs;
        var rest = (long)(milliseconds % DayMs);
        var hours = rest / 3_600_000;
        var minutes = rest / 60_000 % 60;
        var seconds = rest / 1000 % 60;
        var fraction = rest % 1000;
        var parts = new List<string>(4);
        if (days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{days}d"));
        }

        if (hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{hours}h"));
        }

        if (minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{minutes}m"));
        }

        if (seconds > 0 || fraction > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds + (fraction / 1000.0):0.###}s"));
        }

        return string.Join(' ', parts);
    }
}

using System.Globalization;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// Hints about the signed timestamp: how far outside the window it lies, a sender writing it in the wrong unit, and an
/// Infisical header whose <c>t</c> is not the body's signed <c>timestamp</c>. Timestamps are read by the library's parsers.
/// </summary>
internal static class TimestampHints
{
    private const long NearMs = 3_653 * DurationText.DayMs;

    /// <summary>For a timestamp outside the window: a wrong unit when it looks like one, then the distance.</summary>
    public static IEnumerable<string> OutsideWindow(CheckedDelivery delivery, WebhookVerificationResult result)
    {
        if (WrongUnit(delivery, result) is { } unit)
        {
            yield return unit;
        }

        yield return Window(delivery, result);
    }

    /// <summary>
    /// For Infisical's refusal of a header <c>t</c> that is not the body's own timestamp (its MAC covers the body only):
    /// the two values, or that the body carries no timestamp the verifier could read.
    /// </summary>
    public static string NotSigned(CheckedDelivery delivery)
    {
        var headerTimestamp = ReadInfisicalHeaderTimestamp(delivery);
        // The body's timestamp as the verifier found it, so the hint never reads the body differently from the verdict.
        long? bodyTimestamp = InfisicalBodyTimestamp.TryRead(delivery.Body, out var signed) ? signed : null;
        if (headerTimestamp is { } t && bodyTimestamp is { } b && t != b)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The header says t={t} but the body's signed \"timestamp\" is {b} ({(Int128)t - b:+#;-#;0} ms): the header's time is not the one the signature covers, which is how a replayed body with a fresh header looks.");
        }

        return bodyTimestamp is null
            ? "The body has no top-level numeric \"timestamp\": the signature covers the body only, so the header's t is unsigned. Was the body cut or re-serialized?"
            : "The header's timestamp is not the one the signature covers.";
    }

    private static string Window(CheckedDelivery delivery, WebhookVerificationResult result)
    {
        if (result.TimestampUnixMs is not { } signed)
        {
            return "The signed timestamp is outside the window.";
        }

        // In 128 bits and without DateTimeOffset: a sender may sign any 64-bit time, far beyond the calendar.
        var now = delivery.Scheme.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var age = (Int128)now - signed;
        var tolerance = (Int128)(long)delivery.Scheme.Tolerance.TotalMilliseconds;
        var distance = Int128.Abs(age);
        var direction = age > 0 ? "before" : "after";
        var at = UnixMilliseconds.IsInCalendar(signed)
            ? UnixMilliseconds.Format(signed)
            : string.Create(CultureInfo.InvariantCulture, $"{signed} ({UnixMilliseconds.Format(signed)})");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The signed timestamp {at} is {DurationText.Format(distance)} {direction} now ({UnixMilliseconds.Format(now)}): {DurationText.Format(distance - tolerance)} outside the ±{DurationText.Format(tolerance)} window. Check a captured delivery with --now <unix ms when it arrived>, or widen --tolerance.");
    }

    /// <summary>
    /// Recognises a sender that writes milliseconds where the scheme has seconds (or the reverse): the time it signs
    /// then lies tens of thousands of years ahead (or in January 1970), while the number it wrote, read in the other
    /// unit, is close to now.
    /// </summary>
    private static string? WrongUnit(CheckedDelivery delivery, WebhookVerificationResult result)
    {
        if (result.TimestampUnixMs is not { } signed)
        {
            return null;
        }

        var now = delivery.Scheme.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var name = delivery.Scheme.Name;
        var unit = delivery.Descriptor.TimestampUnit;
        if (unit == WebhookTimestampUnit.Seconds && result.FailureReason == WebhookFailureReason.TimestampTooNew)
        {
            // The number the sender wrote, which the scheme read as seconds; as milliseconds it is the time meant.
            var written = UnixTimestamp.FromMilliseconds(signed, WebhookTimestampUnit.Seconds);
            return IsNear(written, now)
                ? string.Create(CultureInfo.InvariantCulture, $"The timestamp {written} looks like Unix milliseconds ({UnixMilliseconds.Format(written)}), but the {name} scheme's timestamp is in seconds: the sender writes milliseconds where seconds belong, so the time it signs lies tens of thousands of years ahead.")
                : null;
        }

        if (unit == WebhookTimestampUnit.Milliseconds && result.FailureReason == WebhookFailureReason.TimestampTooOld && signed is >= 0 and <= long.MaxValue / 1000)
        {
            var meant = UnixTimestamp.ToMilliseconds(signed, WebhookTimestampUnit.Seconds);
            return IsNear(meant, now)
                ? string.Create(CultureInfo.InvariantCulture, $"The timestamp {signed} looks like Unix seconds ({UnixMilliseconds.Format(meant)}), but the {name} scheme's timestamp is in milliseconds: the sender writes seconds where milliseconds belong, so the time it signs lies in January 1970.")
                : null;
        }

        return null;
    }

    /// <summary>Within ten years of now, in 128 bits so that no time overflows.</summary>
    private static bool IsNear(long unixMs, long nowMs) => Int128.Abs((Int128)unixMs - nowMs) <= NearMs;

    /// <summary>The <c>t</c> of an Infisical project header, read by the scheme's own parser; null for any other scheme.</summary>
    private static long? ReadInfisicalHeaderTimestamp(CheckedDelivery delivery)
    {
        if (delivery.Scheme is not InfisicalSignature)
        {
            return null;
        }

        // Trimmed as the verifier trims it before parsing.
        var header = delivery.Headers.GetValue(InfisicalSignature.SignatureHeaderName).AsSpan().Trim(" \t");
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        return InfisicalSignature.TryParseHeader(header, out var t, mac) ? t : null;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Tests.Properties;

/// <summary>
/// Infisical project webhooks and alerts share a header name. Under one key, a signature either scheme produced never
/// verifies under the other, with the body as it was sent or rewritten as the other scheme's signed content. The
/// clock stands at the signed time, so no attempt is refused merely for being outside the window.
/// </summary>
[Properties(MaxTest = 1_000, Arbitrary = [typeof(SharedHeaderCases)])]
public sealed class InfisicalSharedHeaderProperties
{
    [Property]
    public bool An_alert_signature_never_verifies_as_a_project_delivery(AlertCase delivery)
    {
        using var keys = KeyRing.FromKeys(delivery.Key);
        var (project, alerts) = Schemes(delivery.TimestampUnixMs);
        var signed = alerts.Sign(delivery.Body, keys);
        var header = signed.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!;
        var mac = header[(header.IndexOf("v1=", StringComparison.Ordinal) + 3)..];
        var signedContent = Encoding.ASCII.GetBytes($"{delivery.TimestampUnixMs}.").Concat(delivery.Body).ToArray();

        var genuine = alerts.VerifySignatureHeader(header, delivery.Body, keys).IsValid;
        var crossed = new[] { delivery.Body, signedContent }.Any(body =>
            project.VerifySignatureHeader(header, body, keys).IsValid
            || delivery.HeaderTimestamps.Any(t => project.VerifySignatureHeader($"t={t};{mac}", body, keys).IsValid));

        return genuine && !crossed;
    }

    [Property]
    public bool A_project_signature_never_verifies_as_an_alert_delivery(ProjectCase delivery)
    {
        using var keys = KeyRing.FromKeys(delivery.Key);
        var (project, alerts) = Schemes(delivery.TimestampUnixMs);
        var signed = project.Sign(delivery.JsonObject, keys);
        var body = signed.Body.ToArray();
        var header = signed.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!;
        var mac = header[(header.IndexOf(';', StringComparison.Ordinal) + 1)..];
        var t = delivery.TimestampUnixMs.ToString(CultureInfo.InvariantCulture);

        // The alert MAC covers "<t>." + body; the project MAC covered the whole body. Offer the body as it is, with
        // "<t>." in front, and with each of its first bytes cut off, as if they had been a "<t>." prefix.
        var candidates = new List<byte[]> { body, Encoding.ASCII.GetBytes(t + ".").Concat(body).ToArray() };
        for (var cut = 1; cut <= Math.Min(body.Length, 24); cut++)
        {
            candidates.Add(body[cut..]);
        }

        var genuine = project.VerifySignatureHeader(header, body, keys).IsValid;
        var crossed = candidates.Any(candidate =>
            alerts.VerifySignatureHeader(header, candidate, keys).IsValid
            || alerts.VerifySignatureHeader($"t={t},v1={mac}", candidate, keys).IsValid);

        return genuine && !crossed;
    }

    private static (InfisicalSignature Project, InfisicalAlertsSignature Alerts) Schemes(long nowUnixMs)
    {
        var options = new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(nowUnixMs)) };
        return (new InfisicalSignature(options), new InfisicalAlertsSignature(options));
    }

    /// <summary>An alert body, the key and time it is signed with, and the header timestamps an attacker would try.</summary>
    public sealed record AlertCase(byte[] Body, byte[] Key, long TimestampUnixMs, long[] HeaderTimestamps);

    /// <summary>A JSON object for a project delivery (before the signer appends the timestamp), its key and time.</summary>
    public sealed record ProjectCase(byte[] JsonObject, byte[] Key, long TimestampUnixMs);

    public static class SharedHeaderCases
    {
        private static readonly string[] Whitespace = ["", " ", "\n", "\r\n", "\t ", "\uFEFF", "\f"];

        // Any time from 1970 to the year 9999, in milliseconds.
        private static readonly Gen<long> Timestamp =
            Gen.Choose(0, int.MaxValue).SelectMany(high => Gen.Choose(0, 999).Select(low => (long)high * 117 % 253_402_300_799L * 1000 + low));

        private static readonly Gen<byte[]> Key = Gen.Choose(1, 256).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n));

        private static readonly Gen<byte[]> Bytes = Gen.Choose(0, 512).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n));

        // Members of a JSON object: arbitrary text, escaped as a JSON string, under a few names.
        private static readonly Gen<string> Members =
            Gen.ListOf(
                from name in Gen.Elements("event", "type", "id", "data", "project", "timestamp2", "time")
                from value in ArbMap.Default.GeneratorFor<string>()
                select $"\"{name}\":{JsonSerializer.Serialize(value ?? string.Empty)}")
            .Select(members => string.Join(',', members));

        public static Arbitrary<AlertCase> Alert()
        {
            // The bodies that could cross are those ending in "timestamp": <ms>, so most cases are built that way,
            // with the signed t, or another time inside the window the header's t could be moved to.
            var body =
                from t in Timestamp
                from shift in Gen.Elements(0L, 0L, -1L, 1_000L, -299_999L)
                from members in Members
                from lead in Gen.Elements(Whitespace)
                from trail in Gen.Elements(Whitespace)
                from prefix in Gen.Elements("", "", "", "1.", $"{t}.")
                from shape in Gen.Choose(0, 9)
                from raw in Bytes
                select (t, BodyTimestamp: Math.Max(0, t + shift), Text: shape switch
                {
                    0 => null,
                    1 => $"{lead}{{{members}}}{trail}",
                    _ => $"{prefix}{lead}{{{members}{(members.Length == 0 ? "" : ",")}\"timestamp\":{Math.Max(0, t + shift)}}}{trail}",
                }, Raw: raw);
            var gen =
                from b in body
                from key in Key
                select new AlertCase(b.Text is null ? b.Raw : Encoding.UTF8.GetBytes(b.Text), key, b.t, [b.t, b.BodyTimestamp]);
            return gen.ToArbitrary();
        }

        public static Arbitrary<ProjectCase> Project()
        {
            var gen =
                from members in Members
                from lead in Gen.Elements(" ", "\n", "\r\n", "\t", "")
                from trail in Gen.Elements(" ", "\n", "")
                from key in Key
                from t in Timestamp
                select new ProjectCase(Encoding.UTF8.GetBytes($"{lead}{{{members}}}{trail}"), key, t);
            return gen.ToArbitrary();
        }
    }
}

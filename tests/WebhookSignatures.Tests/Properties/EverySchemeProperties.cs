using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Tests.Properties;

/// <summary>
/// Properties over every signing scheme and every public verify entry point (span, multi-segment sequence,
/// stream), 10,000 cases each: bodies from 0 B to 2 MiB, secrets of 1 to 256 bytes, any timestamp.
/// </summary>
[Properties(MaxTest = 10_000, Arbitrary = [typeof(Deliveries)])]
public sealed partial class EverySchemeProperties
{
    [Property]
    public bool Sign_then_verify_holds_through_every_entry_point(Delivery delivery)
    {
        var signed = delivery.Sign();

        var result = delivery.VerifyEverywhere(signed.Headers, signed.Body.ToArray());

        return result.IsValid && result.MatchedKeyIndex == 0 && result.TimestampUnixMs == delivery.ExpectedTimestamp;
    }

    [Property]
    public bool A_single_bit_flip_in_the_body_is_rejected(Delivery delivery, int position, byte bit)
    {
        var signed = delivery.Sign();
        var body = signed.Body.ToArray();
        if (body.Length == 0)
        {
            return true;
        }

        body[(int)((uint)position % (uint)body.Length)] ^= (byte)(1 << (bit % 8));

        return !delivery.VerifyEverywhere(signed.Headers, body).IsValid;
    }

    [Property]
    public bool A_single_bit_flip_in_the_signature_is_rejected(Delivery delivery, int position, byte bit)
    {
        var signed = delivery.Sign();
        var headers = delivery.FlipSignatureBit(signed.Headers, position, bit);

        return delivery.VerifyEverywhere(headers, signed.Body.ToArray()).FailureReason == WebhookFailureReason.SignatureMismatch;
    }

    [Property]
    public bool A_single_bit_flip_in_the_signed_timestamp_is_rejected(Delivery delivery, byte bit)
    {
        if (!delivery.Scheme.SignsTimestamp)
        {
            return true;
        }

        var signed = delivery.Sign();
        var headers = delivery.FlipTimestampBit(signed.Headers, bit % 40);

        return !delivery.VerifyEverywhere(headers, signed.Body.ToArray()).IsValid;
    }

    [Property]
    public bool Arbitrary_headers_and_bodies_never_throw_and_never_verify(Delivery delivery, string?[] values, byte[] body)
    {
        var headers = new WebhookHeaders();
        for (var i = 0; i < delivery.Scheme.HeaderNames.Count; i++)
        {
            var value = values is { Length: > 0 } ? values[i % values.Length] : null;
            if (value is not null)
            {
                headers.Add(delivery.Scheme.HeaderNames[i], value);
            }
        }

        _ = delivery.Scheme.DescribeDelivery(headers, body ?? []);
        return !delivery.VerifyEverywhere(headers, body ?? []).IsValid;
    }

    /// <summary>One scheme, key and time, with the verifier's clock set to the signing time.</summary>
    public sealed partial record Delivery(string SchemeName, byte[] Payload, byte[] Key, long TimestampUnixMs)
    {
        private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

        public WebhookScheme Scheme { get; } = CreateScheme(SchemeName, TimestampUnixMs);

        public long? ExpectedTimestamp => WebhookSchemeCatalog.Get(SchemeName).TimestampUnit switch
        {
            null => null,
            WebhookTimestampUnit.Seconds => TimestampUnixMs / 1000 * 1000,
            _ => TimestampUnixMs,
        };

        public SignedWebhook Sign()
        {
            using var keys = KeyRing.FromKeys(Key);
            return Scheme.Sign(SchemeName == InfisicalSignature.SchemeName ? AsJsonObject(Payload) : Payload, keys, DateTimeOffset.FromUnixTimeMilliseconds(TimestampUnixMs));
        }

        /// <summary>Verifies through the span, multi-segment sequence and stream entry points; they must agree.</summary>
        public WebhookVerificationResult VerifyEverywhere(WebhookHeaders headers, byte[] body)
        {
            using var keys = KeyRing.FromKeys(Key);
            var span = Scheme.Verify(headers, body, keys);
            var sequence = Scheme.Verify(headers, Segments.Split(body, 4096), keys);
            using var stream = new MemoryStream(body);
            var streamed = Scheme.VerifyAsync(headers, stream, keys).AsTask().GetAwaiter().GetResult();
            return span == sequence && sequence == streamed
                ? span
                : throw new InvalidOperationException($"The entry points disagree: span {span}, sequence {sequence}, stream {streamed}.");
        }

        public WebhookHeaders FlipSignatureBit(WebhookHeaders headers, int position, byte bit)
        {
            var name = SignatureHeader;
            var value = headers.GetValue(name)!;
            var match = SchemeName == StandardWebhooksSignature.SchemeName ? Base64Mac().Match(value) : HexMac().Match(value);
            var mac = SchemeName == StandardWebhooksSignature.SchemeName ? Convert.FromBase64String(match.Value) : Convert.FromHexString(match.Value);
            mac[(int)((uint)position % (uint)mac.Length)] ^= (byte)(1 << (bit % 8));
            var encoded = SchemeName == StandardWebhooksSignature.SchemeName ? Convert.ToBase64String(mac) : Convert.ToHexStringLower(mac);
            return With(headers, name, value[..match.Index] + encoded + value[(match.Index + match.Length)..]);
        }

        public WebhookHeaders FlipTimestampBit(WebhookHeaders headers, int bit)
        {
            var name = SchemeName == StandardWebhooksSignature.SchemeName ? StandardWebhooksSignature.TimestampHeaderName : SignatureHeader;
            var value = headers.GetValue(name)!;
            var digits = Timestamp().Match(value);
            var flipped = long.Parse(digits.Value, System.Globalization.CultureInfo.InvariantCulture) ^ (1L << bit);
            return With(headers, name, value[..digits.Index] + flipped.ToString(System.Globalization.CultureInfo.InvariantCulture) + value[(digits.Index + digits.Length)..]);
        }

        public override string ToString() => $"{SchemeName}, {Payload.Length} B body, {Key.Length} B key, t={TimestampUnixMs}";

        private string SignatureHeader => Scheme switch
        {
            StandardWebhooksSignature => StandardWebhooksSignature.SignatureHeaderName,
            _ => Scheme.HeaderNames[0],
        };

        private static WebhookHeaders With(WebhookHeaders headers, string name, string value)
        {
            var copy = new WebhookHeaders();
            foreach (var (n, v) in headers)
            {
                copy.Add(n, string.Equals(n, name, StringComparison.OrdinalIgnoreCase) ? value : v);
            }

            return copy;
        }

        private static WebhookScheme CreateScheme(string name, long nowUnixMs)
        {
            var options = new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(nowUnixMs)), Tolerance = Tolerance };
            return WebhookSchemeCatalog.Get(name).Create(options);
        }

        // Infisical signs JSON objects: carry the arbitrary bytes inside one as base64.
        private static byte[] AsJsonObject(byte[] payload) => Encoding.UTF8.GetBytes($"{{\"event\":\"test\",\"data\":\"{Convert.ToBase64String(payload)}\"}}");

        [GeneratedRegex("[0-9a-f]{64}")]
        private static partial Regex HexMac();

        [GeneratedRegex("(?<=v1,)[A-Za-z0-9+/=]{44}")]
        private static partial Regex Base64Mac();

        [GeneratedRegex("[0-9]+")]
        private static partial Regex Timestamp();
    }

    public static class Deliveries
    {
        // Every built-in scheme that signs (the legacy SHA-1 scheme only verifies).
        private static readonly string[] Names = [.. WebhookSchemeCatalog.All.Where(s => s.CanSign).Select(s => s.Name)];

        public static Arbitrary<Delivery> Delivery()
        {
            // Mostly small bodies, some medium, and a few up to 2 MiB, so 10,000 cases stay quick.
            var size = Gen.Frequency(
                (90, Gen.Choose(0, 2048)),
                (9, Gen.Choose(2049, 65536)),
                (1, Gen.Choose(65537, 2 * 1024 * 1024)));
            var body = size.SelectMany(n => Gen.Choose(0, int.MaxValue).Select(seed =>
            {
                var bytes = new byte[n];
                new Random(seed).NextBytes(bytes);
                return bytes;
            }));

            // Secrets of 1 to 256 bytes, half of them the UTF-8 of arbitrary (non-ASCII included) text.
            var key = Gen.OneOf(
                Gen.Choose(1, 256).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n)),
                ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => Encoding.UTF8.GetBytes(s.Get))
                    .Where(b => b.Length is > 0 and <= 256));

            // Any time from 1970 to the year 9999, in milliseconds.
            var timestamp = Gen.Choose(0, int.MaxValue).SelectMany(high => Gen.Choose(0, 999).Select(low => (long)high * 117 % 253_402_300_799L * 1000 + low));

            var gen = from name in Gen.Elements(Names)
                      from payload in body
                      from secret in key
                      from t in timestamp
                      select new Delivery(name, payload, secret, t);
            return gen.ToArbitrary();
        }
    }
}

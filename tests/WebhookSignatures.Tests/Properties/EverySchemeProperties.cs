using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Linear;
using WebhookSignatures.Schemes.Shopify;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.Square;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Twilio;
using WebhookSignatures.Schemes.Twitch;
using WebhookSignatures.Tests.CustomSchemes;
using WebhookSignatures.Tests.Schemes;

namespace WebhookSignatures.Tests.Properties;

/// <summary>
/// What every scheme of the catalog holds, each property stated once and checked through every public verify entry
/// point (span, a body copied from a multi-segment sequence, a body read from a stream), asking for every part and for
/// none, which must agree: a delivery the scheme signs verifies; one bit flipped in its body, its signature or its signed
/// timestamp is refused with the reason that names it; and whatever headers and body arrive, verifying and reading the
/// parts never throw and never accept. Bodies run from 0 B to 2 MiB,
/// secrets from 1 to 256 bytes, timestamps over the whole calendar. The case counts keep the run short; the fuzz
/// targets (fuzz/) search further.
/// </summary>
[Properties(MaxTest = 2_000, Arbitrary = [typeof(Deliveries)])]
public sealed partial class EverySchemeProperties
{
    [Property]
    public bool Sign_then_verify_holds_through_every_entry_point(SignedDelivery delivery)
    {
        var signed = delivery.Sign();

        var result = delivery.VerifyEverywhere(signed.Headers, signed.Body.ToArray());

        return result.IsValid
            && result.MatchedKeyIndex == 0
            && result.TimestampUnixMs == delivery.ExpectedTimestamp
            && signed.TimestampUnixMs == delivery.ExpectedTimestamp
            && (delivery.SchemeName is InfisicalSignature.SchemeName or LinearSignature.SchemeName || signed.Body.Span.SequenceEqual(delivery.Payload));
    }

    [Property]
    public bool A_single_bit_flip_in_the_body_is_a_signature_mismatch(SignedDelivery delivery, int position, byte bit)
    {
        var signed = delivery.Sign();
        var body = signed.Body.ToArray();

        // GitLab's token covers no body (GitLabTokenTests shows a changed body passes); every other scheme's MAC does.
        if (body.Length == 0 || delivery.SchemeName == GitLabToken.SchemeName)
        {
            return true;
        }

        body[(int)((uint)position % (uint)body.Length)] ^= (byte)(1 << (bit % 8));

        return delivery.VerifyEverywhere(signed.Headers, body).FailureReason == WebhookFailureReason.SignatureMismatch;
    }

    [Property]
    public bool A_single_bit_flip_in_the_signature_is_a_signature_mismatch(SignedDelivery delivery, int position, byte bit)
    {
        var signed = delivery.Sign();
        var headers = delivery.FlipSignatureBit(signed.Headers, position, bit);

        return delivery.VerifyEverywhere(headers, signed.Body.ToArray()).FailureReason == WebhookFailureReason.SignatureMismatch;
    }

    /// <summary>
    /// Where the MAC covers the timestamp, another timestamp is another MAC; Infisical's MAC covers only the body, whose
    /// own timestamp the header's <c>t</c> must then equal.
    /// </summary>
    [Property]
    public bool A_single_bit_flip_in_the_signed_timestamp_is_refused(TimestampedDelivery timestamped, byte bit)
    {
        var delivery = timestamped.Delivery;

        // Linear's timestamp is in the body, so flipping it is the body bit flip above.
        if (delivery.SchemeName == LinearSignature.SchemeName)
        {
            return true;
        }

        var signed = delivery.Sign();
        var headers = delivery.FlipTimestampBit(signed.Headers, bit % 40);

        var expected = delivery.SchemeName == InfisicalSignature.SchemeName ? WebhookFailureReason.TimestampNotSigned : WebhookFailureReason.SignatureMismatch;
        return delivery.VerifyEverywhere(headers, signed.Body.ToArray()).FailureReason == expected;
    }

    [Property(MaxTest = 5_000)]
    public bool Any_headers_and_body_never_throw_and_never_verify(ForgedDelivery forged)
    {
        var scheme = forged.CreateScheme();
        var headers = new WebhookHeaders();
        foreach (var (name, value) in forged.Headers)
        {
            headers.Add(name, value);
        }

        using var keys = KeyRing.FromKeys(forged.Key);
        return !VerifyEverywhere(scheme, headers, forged.Body, keys, SchemeInputs.Target).IsValid
            && !VerifyEverywhere(scheme, headers, forged.Body, keys, WebhookRequestTarget.None).IsValid;
    }

    /// <summary>
    /// Whatever arrives unsigned, reading every part never throws and yields none: no identity, no description and no
    /// handshake answer built from what a forger sent.
    /// </summary>
    [Property(MaxTest = 5_000)]
    public bool Any_headers_and_body_never_get_a_part_unverified_and_never_throw(ForgedDelivery forged)
    {
        var scheme = forged.CreateScheme();
        var headers = new WebhookHeaders();
        foreach (var (name, value) in forged.Headers)
        {
            headers.Add(name, value);
        }

        using var keys = KeyRing.FromKeys(forged.Key);
        var result = scheme.Verify(new(headers, forged.Body, SchemeInputs.Target), keys, WebhookReadParts.All);
        return !result.IsValid && result.Identity.IsEmpty && result.Description == default && result.Handshake is null;
    }

    /// <summary>
    /// Whatever body a scheme signs (JSON or not, a handshake or not) and whatever its unsigned headers say (event names,
    /// delivery ids, Twitch's message type), a verified delivery reads its identity, description and any handshake's
    /// answer without throwing, the same through every entry point.
    /// </summary>
    [Property(MaxTest = 5_000)]
    public bool Every_part_of_any_body_a_scheme_signs_reads_without_throwing(ForgedDelivery forged)
    {
        if (forged.SchemeName == ForgedDelivery.CustomSchemeName || !WebhookSchemeCatalog.BuiltIn.Get(forged.SchemeName).CanSign)
        {
            return true;
        }

        var delivery = new SignedDelivery(forged.SchemeName, forged.Body, forged.Key, TimestampedSchemes.Now.ToUnixTimeMilliseconds());
        var signed = delivery.Sign();
        var headers = new WebhookHeaders();
        foreach (var (name, value) in signed.Headers)
        {
            headers.Add(name, value);
        }

        for (var i = 0; i < UnsignedHeaderNames.Length && forged.Headers.Length > 0; i++)
        {
            if (headers.GetValue(UnsignedHeaderNames[i]) is null && !delivery.Scheme.HeaderNames.Contains(UnsignedHeaderNames[i], StringComparer.OrdinalIgnoreCase))
            {
                headers.Add(UnsignedHeaderNames[i], forged.Headers[i % forged.Headers.Length].Value);
            }
        }

        var result = delivery.VerifyEverywhere(headers, signed.Body.ToArray());
        return result.IsValid;
    }

    public static TheoryData<string> SigningSchemes => [.. Deliveries.SigningSchemeNames];

    [Theory]
    [MemberData(nameof(SigningSchemes))]
    public void Bodies_at_the_size_boundaries_round_trip_through_every_entry_point(string name)
    {
        var random = new Random(42);
        foreach (var size in new[] { 0, 1, (256 * 1024) - 1, 256 * 1024, (256 * 1024) + 1, 1024 * 1024, 2 * 1024 * 1024 })
        {
            var payload = new byte[size];
            random.NextBytes(payload);
            var delivery = new SignedDelivery(name, payload, TestKeys.Bytes(), TimestampedSchemes.Now.ToUnixTimeMilliseconds());
            var signed = delivery.Sign();

            delivery.VerifyEverywhere(signed.Headers, signed.Body.ToArray()).IsValid.Should().BeTrue("a {0}-byte body was signed", size);
        }
    }

    /// <summary>
    /// Verifies a body held in one span, copied from a multi-segment sequence (<see cref="WebhookBody.From"/>) and read from
    /// a stream (<see cref="WebhookBody.ReadAsync"/>), asking for every part, and once more asking for none: the verdicts
    /// must agree, the parts too, and a delivery that does not verify has none. Returns the bare verification's result.
    /// </summary>
    internal static WebhookVerificationResult VerifyEverywhere(WebhookScheme scheme, WebhookHeaders headers, byte[] body, KeyRing keys, WebhookRequestTarget target)
    {
        var bare = scheme.Verify(new(headers, body, target), keys);
        var span = scheme.Verify(new(headers, body, target), keys, WebhookReadParts.All);
        using var segmented = WebhookBody.From(Segments.InThree(body));
        var sequence = scheme.Verify(new(headers, segmented.Span, target), keys, WebhookReadParts.All);
        using var stream = new MemoryStream(body);
        using var read = WebhookBody.ReadAsync(stream, body.Length).AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("A body of its own length was refused as too long.");
        var streamed = scheme.Verify(new(headers, read.Span, target), keys, WebhookReadParts.All);

        if (!SameVerdict(bare, span) || !bare.Identity.IsEmpty || bare.Description != default || bare.Handshake is not null)
        {
            throw new InvalidOperationException($"Asking for parts changed the verdict or a bare verification read parts: {bare} and {span}.");
        }

        if (!SameRead(span, sequence) || !SameRead(span, streamed))
        {
            throw new InvalidOperationException($"The entry points disagree: span {span}, sequence {sequence}, stream {streamed}.");
        }

        if (!span.IsValid && (!span.Identity.IsEmpty || span.Description != default || span.Handshake is not null))
        {
            throw new InvalidOperationException($"A delivery that does not verify has parts: {span}.");
        }

        return bare;
    }

    private static bool SameVerdict(in WebhookVerificationResult a, in WebhookVerificationResult b) =>
        a.IsValid == b.IsValid && a.FailureReason == b.FailureReason && a.MatchedKeyIndex == b.MatchedKeyIndex && a.TimestampUnixMs == b.TimestampUnixMs;

    private static bool SameRead(in WebhookVerificationResult a, in WebhookVerificationResult b) =>
        SameVerdict(a, b)
        && a.Identity == b.Identity
        && a.Description == b.Description
        && (a.Handshake, b.Handshake) switch
        {
            (null, null) => true,
            ({ } x, { } y) => x.StatusCode == y.StatusCode && x.ContentType == y.ContentType && x.Body.Span.SequenceEqual(y.Body.Span),
            _ => false,
        };

    // Every header a built-in scheme names (event names, delivery ids, message types): what a description may read unsigned.
    private static readonly string[] UnsignedHeaderNames = [.. typeof(WebhookScheme).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith("WebhookSignatures.Schemes", StringComparison.Ordinal) == true)
        .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("HeaderName", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .Order(StringComparer.Ordinal)];

    /// <summary>One signing scheme, payload, key and time, with the verifier's clock set to the signing time.</summary>
    public sealed partial record SignedDelivery(string SchemeName, byte[] Payload, byte[] Key, long TimestampUnixMs)
    {
        public WebhookScheme Scheme { get; } = WebhookSchemeCatalog.BuiltIn.Get(SchemeName).Create(new WebhookSchemeOptions
        {
            TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(TimestampUnixMs)),
        });

        /// <summary>The signed time as the result reports it: in milliseconds, truncated to the seconds a sender in seconds writes.</summary>
        public long? ExpectedTimestamp => WebhookSchemeCatalog.BuiltIn.Get(SchemeName).TimestampUnit switch
        {
            null => null,
            WebhookTimestampUnit.Seconds => TimestampUnixMs / 1000 * 1000,
            _ => TimestampUnixMs,
        };

        /// <summary>
        /// The request line: Twilio's carries the payload's hash (its JSON deliveries), so the MAC covers the body's bytes,
        /// as the other schemes' do; its form deliveries sign decoded parameters, which TwilioSignatureTests cover.
        /// </summary>
        public WebhookRequestTarget Target => SchemeName == TwilioSignature.SchemeName
            ? WebhookRequestTarget.Post(TwilioSignature.AddBodyHash(SchemeInputs.Url, Payload))
            : SchemeInputs.Target;

        // A GitLab token travels as header text: the key is the text of its bytes in hex.
        private byte[] SigningKey => SchemeName == GitLabToken.SchemeName ? Encoding.ASCII.GetBytes(Convert.ToHexString(Key)) : Key;

        public SignedWebhook Sign()
        {
            using var keys = KeyRing.FromKeys(SigningKey);
            var at = DateTimeOffset.FromUnixTimeMilliseconds(TimestampUnixMs);
            var body = SchemeName switch
            {
                InfisicalSignature.SchemeName => AsJsonObject(Payload),
                LinearSignature.SchemeName => SchemeInputs.JsonBody(SchemeName, AsJsonObject(Payload), at),
                _ => Payload,
            };
            return Scheme.Sign(body, keys, new() { Target = Target, Timestamp = at });
        }

        public WebhookVerificationResult VerifyEverywhere(WebhookHeaders headers, byte[] body)
        {
            using var keys = KeyRing.FromKeys(SigningKey);
            return EverySchemeProperties.VerifyEverywhere(Scheme, headers, body, keys, Target);
        }

        public WebhookHeaders FlipSignatureBit(WebhookHeaders headers, int position, byte bit)
        {
            var name = SignatureHeader;
            var value = headers.GetValue(name)!;
            if (SchemeName == GitLabToken.SchemeName)
            {
                // The token itself: flip a bit of one of its characters.
                var chars = value.ToCharArray();
                chars[(int)((uint)position % (uint)chars.Length)] ^= (char)(1 << (bit % 7));
                return With(headers, name, new string(chars));
            }

            var base64 = SchemeName is StandardWebhooksSignature.SchemeName or TwilioSignature.SchemeName or HubSpotSignature.SchemeName or SquareSignature.SchemeName or ShopifySignature.SchemeName;
            var match = SchemeName == StandardWebhooksSignature.SchemeName ? Base64Mac().Match(value) : base64 ? WholeValue().Match(value) : HexMac().Match(value);
            var mac = base64 ? Convert.FromBase64String(match.Value) : Convert.FromHexString(match.Value);
            mac[(int)((uint)position % (uint)mac.Length)] ^= (byte)(1 << (bit % 8));
            var encoded = base64 ? Convert.ToBase64String(mac) : Convert.ToHexStringLower(mac);
            return With(headers, name, value[..match.Index] + encoded + value[(match.Index + match.Length)..]);
        }

        public WebhookHeaders FlipTimestampBit(WebhookHeaders headers, int bit)
        {
            if (Scheme is TwitchSignature)
            {
                // An RFC 3339 timestamp: move the signed time by one power of two of milliseconds, within the calendar.
                Rfc3339Timestamp.TryParse(headers.GetValue(TwitchSignature.TimestampHeaderName), out var signedMs).Should().BeTrue();
                var signed = DateTimeOffset.FromUnixTimeMilliseconds(signedMs);
                var step = TimeSpan.FromMilliseconds(1L << (bit % 36));
                var moved = signed <= DateTimeOffset.MaxValue - step ? signed + step : signed - step;
                return With(headers, TwitchSignature.TimestampHeaderName, moved.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }

            var name = Scheme switch
            {
                StandardWebhooksSignature => StandardWebhooksSignature.TimestampHeaderName,
                SlackStyleSignature slackStyle => slackStyle.HeaderNames[1],
                HubSpotSignature => HubSpotSignature.TimestampHeaderName,
                _ => SignatureHeader,
            };
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

        // Infisical signs JSON objects: carry the payload inside one as text, escaped as its sender's JSON writer escapes it.
        private static byte[] AsJsonObject(byte[] payload)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("event", "test");
                writer.WriteString("data", Encoding.UTF8.GetString(payload));
                writer.WriteEndObject();
            }

            return stream.ToArray();
        }

        [GeneratedRegex("[0-9a-f]{64}")]
        private static partial Regex HexMac();

        [GeneratedRegex("(?<=v1,)[A-Za-z0-9+/=]{44}")]
        private static partial Regex Base64Mac();

        [GeneratedRegex("[0-9]+")]
        private static partial Regex Timestamp();

        [GeneratedRegex("^.+$")]
        private static partial Regex WholeValue();
    }

    /// <summary>A signed delivery of a scheme whose signature covers a timestamp.</summary>
    public sealed record TimestampedDelivery(SignedDelivery Delivery)
    {
        public override string ToString() => Delivery.ToString();
    }

    /// <summary>Headers and a body anyone could send to a scheme (every catalog scheme, or the custom one), and the receiver's key.</summary>
    public sealed record ForgedDelivery(string SchemeName, (string Name, string Value)[] Headers, byte[] Body, byte[] Key)
    {
        public const string CustomSchemeName = "custom (acme)";

        public WebhookScheme CreateScheme()
        {
            var options = new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) };
            return SchemeName == CustomSchemeName ? new AcmeSignature(options) : WebhookSchemeCatalog.BuiltIn.Get(SchemeName).Create(options);
        }

        public override string ToString() =>
            $"{SchemeName}, {string.Join(" | ", Headers.Select(h => $"{h.Name}: {Visible(h.Value)}"))}, {Body.Length} B body, {Key.Length} B key";

        private static string Visible(string text) => string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));
    }

    public static class Deliveries
    {
        /// <summary>Every built-in scheme that signs (the legacy SHA-1 scheme only verifies).</summary>
        public static readonly string[] SigningSchemeNames = [.. WebhookSchemeCatalog.BuiltIn.All.Where(s => s.CanSign).Select(s => s.Name)];

        // The pieces the header parsers look for, to build headers that are nearly right.
        private static readonly string[] Tokens =
        [
            "t=", "v1=", "v0=", "v1,", "v1a,", "ts=", ";mac=", "sha1=", "sha256=", "SHA256=", ",", ";", " ", "\t", "=", ".", "-",
            "1700000000", "1700000000000", "99999999999999999999", "0",
            "8042376f6ca064adbe037642a718227dfd59047137eb49497a54c49eb0cfb724",
            "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "AAAA", "==", "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
            "é", "😀", "\uD800", "\0", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "h1=", "v0:", "2025-11-30T10:53:20.123456789Z", "2025-11-30T10:53:20Z", "+02:00", "T", "Z", ":", "e76c6bd4-55c9-4987-8304-da1588d8988b",
        ];

        // Any time from 1970 to the year 9999, in milliseconds.
        private static readonly Gen<long> AnyTime =
            Gen.Choose(0, int.MaxValue).SelectMany(high => Gen.Choose(0, 999).Select(low => ((long)high * 117 % 253_402_300_799L * 1000) + low));

        // Secrets of 1 to 256 bytes, half of them the UTF-8 of arbitrary (non-ASCII included) text.
        private static readonly Gen<byte[]> AnyKey = Gen.OneOf(
            Gen.Choose(1, 256).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n)),
            ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => Encoding.UTF8.GetBytes(s.Get)).Where(b => b.Length is > 0 and <= 256));

        public static Arbitrary<SignedDelivery> Signed() => SignedOf(SigningSchemeNames).ToArbitrary();

        public static Arbitrary<TimestampedDelivery> Timestamped() =>
            SignedOf([.. WebhookSchemeCatalog.BuiltIn.All.Where(s => s.CanSign && s.SignsTimestamp).Select(s => s.Name)]).Select(d => new TimestampedDelivery(d)).ToArbitrary();

        public static Arbitrary<ForgedDelivery> Forged()
        {
            var text = Gen.OneOf(
                ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
                Gen.ArrayOf(Gen.Elements(Tokens)).Select(string.Concat));
            var body = Gen.OneOf(
                ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? []),
                AnyTime.Select(t => Encoding.UTF8.GetBytes($$"""{"type":"invoice.paid","id":"evt_1","timestamp":{{t}}}""")),
                Gen.Elements(
                    """{"type":"url_verification","challenge":"c"}"""u8.ToArray(),
                    """{"event":"endpoint.url_validation","payload":{"plainToken":"p"}}"""u8.ToArray(),
                    """{"challenge":"c","subscription":{}}"""u8.ToArray()));
            var gen =
                from name in Gen.Elements([.. WebhookSchemeCatalog.BuiltIn.All.Select(s => s.Name), ForgedDelivery.CustomSchemeName])
                let headerNames = name == ForgedDelivery.CustomSchemeName ? [AcmeSignature.SignatureHeaderName] : WebhookSchemeCatalog.BuiltIn.Get(name).HeaderNames
                from values in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant<string?>(null)), (4, text.Select(t => (string?)t))), headerNames.Count)
                from b in body
                from key in AnyKey
                select new ForgedDelivery(name, [.. headerNames.Zip(values).Where(h => h.Second is not null).Select(h => (h.First, h.Second!))], b, key);
            return gen.ToArbitrary();
        }

        private static Gen<SignedDelivery> SignedOf(string[] names)
        {
            // Mostly small bodies, some medium, and a few up to 2 MiB.
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

            return from name in Gen.Elements(names)
                   from payload in body
                   from key in AnyKey
                   from t in AnyTime
                   select new SignedDelivery(name, payload, key, t);
        }
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Ed25519.Tests;

/// <summary>
/// Round trips, bit flips and hostile input for both Ed25519 schemes: what one signs the other side verifies, with the
/// signing key anywhere in a ring of three; one bit flipped in the body, the signature or the signed timestamp is a
/// mismatch; and whatever headers and body arrive, verifying and reading the parts never throw and never accept.
/// </summary>
[Properties(MaxTest = 300)]
public sealed class Ed25519Properties
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_764_500_000);
    private static readonly TestEd25519Keys.KeyPair[] Pairs = [TestEd25519Keys.Generate(), TestEd25519Keys.Generate(), TestEd25519Keys.Generate()];
    private static readonly WebhookSchemeOptions Options = new() { TimeProvider = new FakeTimeProvider(Now) };
    private static readonly WebhookScheme Discord = Catalogs.WithEd25519.Get(DiscordSignature.SchemeName).Create(Options);
    private static readonly WebhookScheme Standard = Catalogs.WithEd25519.Get(StandardWebhooksSignature.SchemeName).Create(Options);

    [Property]
    public bool Sign_then_verify_holds_with_the_signer_anywhere_in_the_ring(bool discord, byte[] body, byte signer, short offsetSeconds)
    {
        var (scheme, signed, keys) = SignAndRing(discord, body, signer % 3, Now.AddSeconds(offsetSeconds % 300));
        using (keys)
        {
            // Every part is read from whatever body was signed: the description and a PING's answer never throw.
            var result = scheme.Verify(new(signed.Headers, signed.Body.Span), keys, WebhookReadParts.All);
            return result.IsValid && result.MatchedKeyIndex == signer % 3 && signed.Body.Span.SequenceEqual(body) && !result.Identity.IsEmpty;
        }
    }

    [Property]
    public bool A_bit_flipped_in_the_body_is_a_mismatch(bool discord, NonEmptyArray<byte> payload, int position, byte bit)
    {
        var body = payload.Get;
        var (scheme, signed, keys) = SignAndRing(discord, body, 0, Now);
        using (keys)
        {
            var flipped = signed.Body.ToArray();
            flipped[(int)((uint)position % (uint)flipped.Length)] ^= (byte)(1 << (bit % 8));
            return scheme.Verify(new(signed.Headers, flipped), keys).FailureReason == WebhookFailureReason.SignatureMismatch;
        }
    }

    [Property]
    public bool A_bit_flipped_in_the_signature_is_a_mismatch(bool discord, byte[] body, byte position, byte bit)
    {
        var (scheme, signed, keys) = SignAndRing(discord, body, 1, Now);
        using (keys)
        {
            var headers = new WebhookHeaders();
            foreach (var (name, value) in signed.Headers)
            {
                headers.Add(name, FlipSignature(name, value, position % 64, bit % 8));
            }

            return scheme.Verify(new(headers, signed.Body.Span), keys).FailureReason == WebhookFailureReason.SignatureMismatch;
        }
    }

    [Property]
    public bool Another_signed_timestamp_within_the_window_is_a_mismatch(bool discord, byte[] body, byte seconds)
    {
        var (scheme, signed, keys) = SignAndRing(discord, body, 2, Now);
        using (keys)
        {
            var name = discord ? DiscordSignature.TimestampHeaderName : StandardWebhooksSignature.TimestampHeaderName;
            var moved = (Now.ToUnixTimeSeconds() + 1 + (seconds % 200)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var headers = new WebhookHeaders();
            foreach (var (header, value) in signed.Headers)
            {
                headers.Add(header, header == name ? moved : value);
            }

            return scheme.Verify(new(headers, signed.Body.Span), keys).FailureReason == WebhookFailureReason.SignatureMismatch;
        }
    }

    [Property(MaxTest = 1_000)]
    public bool Any_headers_and_body_never_throw_and_never_verify(bool discord, string?[] values, byte[] body)
    {
        var scheme = discord ? Discord : Standard;
        var headers = new WebhookHeaders();
        for (var i = 0; i < Math.Min(values.Length, scheme.HeaderNames.Count); i++)
        {
            headers.Add(scheme.HeaderNames[i], Prefix(scheme, i) + (values[i] ?? string.Empty));
        }

        using var keys = scheme.CreateKeyRing(discord ? [.. Pairs.Select(p => p.PublicKeyHex)] : [.. Pairs.Select(p => p.Whpk)]);
        var result = scheme.Verify(new(headers, body), keys, WebhookReadParts.All);
        return !result.IsValid && result.Identity.IsEmpty && result.Description == default && result.Handshake is null;
    }

    [Property(MaxTest = 1_000)]
    public bool Any_configured_key_is_a_ring_or_an_argument_error_never_another_exception(bool discord, string key)
    {
        var scheme = discord ? Discord : Standard;
        try
        {
            scheme.CreateKeyRing([key ?? string.Empty]).Dispose();
            return true;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static (WebhookScheme Scheme, SignedWebhook Signed, KeyRing Keys) SignAndRing(bool discord, byte[] body, int signer, DateTimeOffset at)
    {
        var scheme = discord ? Discord : Standard;
        using var signing = scheme.CreateKeyRing([discord ? Pairs[signer].DiscordPrivateKey : Pairs[signer].WhskSeed]);
        var signed = scheme.Sign(body, signing, new() { Timestamp = at, DeliveryId = "msg_property" });
        var keys = scheme.CreateKeyRing(discord ? [.. Pairs.Select(p => p.PublicKeyHex)] : [.. Pairs.Select(p => p.Whpk)]);
        return (scheme, signed, keys);
    }

    private static string FlipSignature(string name, string value, int position, int bit)
    {
        if (name == DiscordSignature.SignatureHeaderName)
        {
            var bytes = Convert.FromHexString(value);
            bytes[position] ^= (byte)(1 << bit);
            return Convert.ToHexStringLower(bytes);
        }

        if (name == StandardWebhooksSignature.SignatureHeaderName)
        {
            var bytes = Convert.FromBase64String(value["v1a,".Length..]);
            bytes[position] ^= (byte)(1 << bit);
            return "v1a," + Convert.ToBase64String(bytes);
        }

        return value;
    }

    // Generated Standard Webhooks signatures start as v1a entries do, so parsing goes past the version check.
    private static string Prefix(WebhookScheme scheme, int header) =>
        scheme.HeaderNames[header] == StandardWebhooksSignature.SignatureHeaderName ? "v1a," : string.Empty;
}

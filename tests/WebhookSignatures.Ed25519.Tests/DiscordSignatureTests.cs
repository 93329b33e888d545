using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Discord;

namespace WebhookSignatures.Ed25519.Tests;

public sealed class DiscordSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_764_500_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"987654321","type":2,"data":{"name":"hello","options":[{"name":"who","value":"wörld"}]}}""");
    private static readonly TestEd25519Keys.KeyPair Sender = TestEd25519Keys.Rfc1;

    private static readonly DiscordSignature Scheme = new(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(Now) });

    [Fact]
    public void A_signed_interaction_verifies_with_the_application_public_key_and_its_signed_timestamp()
    {
        var signed = Sign(Sender, Now);
        using var keys = Scheme.CreateKeyRing([Sender.PublicKeyHex]);

        var result = Scheme.Verify(new(signed.Headers, signed.Body.Span), keys);

        result.IsValid.Should().BeTrue(result.ToString());
        result.MatchedKeyIndex.Should().Be(0);
        result.TimestampUnixMs.Should().Be(Now.ToUnixTimeMilliseconds());
        signed.Body.ToArray().Should().Equal(Body, "Discord's body is sent unchanged");
        signed.Headers.GetValue(DiscordSignature.SignatureHeaderName).Should().MatchRegex("^[0-9a-f]{128}$");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Rotation_finds_the_signing_key_first_in_the_middle_or_last(int position)
    {
        var others = new List<string> { TestEd25519Keys.Rfc2.PublicKeyHex, TestEd25519Keys.Rfc3.PublicKeyHex };
        others.Insert(position, Sender.PublicKeyHex);
        using var keys = Scheme.CreateKeyRing(others);
        var signed = Sign(Sender, Now);

        Scheme.Verify(new(signed.Headers, signed.Body.Span), keys).MatchedKeyIndex.Should().Be(position);
    }

    [Fact]
    public void Another_application_key_is_a_signature_mismatch()
    {
        using var keys = Scheme.CreateKeyRing([TestEd25519Keys.Rfc2.PublicKeyHex]);
        var signed = Sign(Sender, Now);

        Scheme.Verify(new(signed.Headers, signed.Body.Span), keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Theory]
    [InlineData(-300, null)]
    [InlineData(300, null)]
    [InlineData(-301, WebhookFailureReason.TimestampTooOld)]
    [InlineData(301, WebhookFailureReason.TimestampTooNew)]
    public void The_five_minute_window_is_two_sided_and_inclusive(int offsetSeconds, WebhookFailureReason? expected)
    {
        using var keys = Scheme.CreateKeyRing([Sender.PublicKeyHex]);
        var signed = Sign(Sender, Now.AddSeconds(offsetSeconds));

        var result = Scheme.Verify(new(signed.Headers, signed.Body.Span), keys);

        result.FailureReason.Should().Be(expected ?? WebhookFailureReason.None);
        result.MatchedKeyIndex.Should().Be(0, "the signature matched even when the time is out of the window");
    }

    [Fact]
    public void The_timestamp_text_is_what_is_signed_so_a_rewritten_timestamp_is_refused()
    {
        using var keys = Scheme.CreateKeyRing([Sender.PublicKeyHex]);
        var signed = Sign(Sender, Now);
        var signature = signed.Headers.GetValue(DiscordSignature.SignatureHeaderName)!;
        var timestamp = signed.Headers.GetValue(DiscordSignature.TimestampHeaderName)!;

        Verify(signature, "0" + timestamp, keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        Verify(signature, (long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), keys)
            .FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        Verify(signature, timestamp, keys).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("", "1764500000", WebhookFailureReason.MissingSignature)]
    [InlineData("   ", "1764500000", WebhookFailureReason.MissingSignature)]
    [InlineData("00", "", WebhookFailureReason.MissingSignature)]
    [InlineData("abcd", "1764500000", WebhookFailureReason.MalformedSignature)]
    [InlineData("zz", "1764500000", WebhookFailureReason.MalformedSignature)]
    [InlineData("HEX128", "17645e0000", WebhookFailureReason.MalformedSignature)]
    [InlineData("HEX128", "-1764500000", WebhookFailureReason.MalformedSignature)]
    [InlineData("HEX128", "99999999999999999999", WebhookFailureReason.MalformedSignature)]
    [InlineData("HEX130", "1764500000", WebhookFailureReason.MalformedSignature)]
    [InlineData("HEX128", "1764500000", WebhookFailureReason.SignatureMismatch)]
    public void Malformed_headers_are_refused_with_their_reason_and_never_throw(string signature, string timestamp, WebhookFailureReason expected)
    {
        using var keys = Scheme.CreateKeyRing([Sender.PublicKeyHex]);
        signature = signature switch
        {
            "HEX128" => new string('a', 128),
            "HEX130" => new string('a', 130),
            _ => signature,
        };

        Scheme.Verify(new(new WebhookHeaders { { DiscordSignature.SignatureHeaderName, signature }, { DiscordSignature.TimestampHeaderName, timestamp } }, Body), keys)
            .FailureReason.Should().Be(expected);
    }

    [Fact]
    public void An_empty_ring_verifies_nothing()
    {
        var signed = Sign(Sender, Now);

        Scheme.Verify(new(signed.Headers, signed.Body.Span), KeyRing.Empty).FailureReason.Should().Be(WebhookFailureReason.NoSecrets);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f70751")]
    [InlineData("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")]
    public void A_key_that_is_not_64_or_128_hex_characters_is_a_configuration_error_that_names_its_position(string key)
    {
        var create = () => Scheme.CreateKeyRing([Sender.PublicKeyHex, key]);

        create.Should().Throw<ArgumentException>().WithMessage("Key 1 of the key ring*").Which.Message.Should().NotContain(key.Length > 0 ? key : "\u0000");
    }

    [Fact]
    public void A_private_key_whose_halves_do_not_belong_together_is_refused()
    {
        var create = () => Scheme.CreateKeyRing([Sender.SeedHex + TestEd25519Keys.Rfc2.PublicKeyHex]);

        create.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Only_a_private_key_signs_and_a_generated_one_round_trips()
    {
        using var publicOnly = Scheme.CreateKeyRing([Sender.PublicKeyHex]);
        var sign = () => Scheme.Sign(Body, publicOnly);
        sign.Should().Throw<ArgumentException>().WithMessage("*private key*");

        using var generated = Scheme.CreateKeyRing([DiscordSignature.GeneratePrivateKey()]);
        var signed = Scheme.Sign(Body, generated);
        Scheme.Verify(new(signed.Headers, signed.Body.Span), generated).IsValid.Should().BeTrue();
    }

    [Fact]
    public void The_delivery_is_described_by_the_interaction_type_and_id_and_identified_by_what_is_signed()
    {
        var signed = Sign(Sender, Now);
        using var keys = Scheme.CreateKeyRing([Sender.PublicKeyHex]);
        var result = Scheme.Verify(new(signed.Headers, signed.Body.Span), keys, WebhookReadParts.All);

        result.Description.Should().Be(new WebhookDeliveryDescription("APPLICATION_COMMAND", true, "987654321", true));
        Read("""{"type":1}"""u8, keys).Description.EventName.Should().Be("PING");
        Read("""{"type":42}"""u8, keys).Description.EventName.Should().Be("42");
        Read("not json"u8, keys).Description.EventName.Should().BeNull();

        var id = result.Identity;
        id.Should().Be(WebhookDeliveryIdentity.FromSignedContent(Encoding.ASCII.GetBytes(signed.Headers.GetValue(DiscordSignature.TimestampHeaderName)!), Body));
        id.Source.Should().Be(WebhookDeliveryIdentitySource.SignedContent);
        var resigned = Sign(Sender, Now.AddSeconds(1));
        Scheme.Verify(new(resigned.Headers, Body), keys, WebhookReadParts.Identity).Identity.Should().NotBe(id, "another signed timestamp is another signed content");
    }

    /// <summary>Signs <paramref name="body"/> with the sender's key and reads it back with every part.</summary>
    private static WebhookVerificationResult Read(ReadOnlySpan<byte> body, KeyRing keys)
    {
        using var signing = Scheme.CreateKeyRing([Sender.DiscordPrivateKey]);
        var signed = Scheme.Sign(body, signing, new() { Timestamp = Now });
        var result = Scheme.Verify(new(signed.Headers, signed.Body.Span), keys, WebhookReadParts.All);
        result.IsValid.Should().BeTrue(result.ToString());
        return result;
    }

    private static SignedWebhook Sign(TestEd25519Keys.KeyPair pair, DateTimeOffset at)
    {
        using var keys = Scheme.CreateKeyRing([pair.DiscordPrivateKey]);
        return Scheme.Sign(Body, keys, new() { Timestamp = at });
    }

    /// <summary>Verifies <see cref="Body"/> from the values of Discord's two headers.</summary>
    private static WebhookVerificationResult Verify(string signature, string timestamp, KeyRing keys) =>
        Scheme.Verify(new(new WebhookHeaders { { DiscordSignature.SignatureHeaderName, signature }, { DiscordSignature.TimestampHeaderName, timestamp } }, Body), keys);
}

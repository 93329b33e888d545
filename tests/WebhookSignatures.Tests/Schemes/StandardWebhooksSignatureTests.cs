using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Tests.Schemes;

public sealed class StandardWebhooksSignatureTests
{
    // The specification's own example delivery.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly byte[] Body = """{"test": 2432232314}"""u8.ToArray();

    private static readonly StandardWebhooksSignature Scheme =
        new(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1614265330)) });

    [Fact]
    public void Signing_reproduces_the_specification_example()
    {
        using var keys = Scheme.CreateKeyRing([Secret]);

        StandardWebhooksSignature.CreateSignatureHeader(Id, 1614265330, Body, keys.GetKey(0)).Should().Be(Signature);

        var signed = Scheme.Sign(Body, keys, new() { Timestamp = DateTimeOffset.FromUnixTimeSeconds(1614265330), DeliveryId = Id });
        signed.Headers.GetValue("webhook-id").Should().Be(Id);
        signed.Headers.GetValue("webhook-timestamp").Should().Be(Timestamp);
        signed.Headers.GetValue("webhook-signature").Should().Be(Signature);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_valid_signature_is_found_first_in_the_middle_or_last(int position)
    {
        using var keys = Scheme.CreateKeyRing([Secret]);
        var entries = new List<string>
        {
            "v1," + Convert.ToBase64String(new byte[32]),
            "v1a,bm90LWFuLWVkMjU1MTktc2lnbmF0dXJl",
            "v1," + Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()),
        };
        entries.Insert(position == 2 ? entries.Count : position, Signature);

        var result = Verify(string.Join(' ', entries));

        result.IsValid.Should().BeTrue(result.ToString());
        result.TimestampUnixMs.Should().Be(1614265330000);
    }

    [Fact]
    public void Svix_header_names_are_accepted()
    {
        using var keys = Scheme.CreateKeyRing([Secret]);
        var headers = new WebhookHeaders { { "svix-id", Id }, { "svix-timestamp", Timestamp }, { "svix-signature", Signature } };

        Scheme.Verify(new(headers, Body), keys).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Sixteen_entries_are_read_to_the_last()
    {
        var decoys = Enumerable.Repeat("v1," + Convert.ToBase64String(new byte[32]), StandardWebhooksSignature.MaxSignatures - 1);

        Verify(string.Join(' ', decoys.Append(Signature))).IsValid.Should().BeTrue();
    }

    [Fact]
    public void More_than_sixteen_entries_are_malformed_even_with_a_valid_one()
    {
        var decoys = Enumerable.Repeat("v2,abc", StandardWebhooksSignature.MaxSignatures);

        Verify(string.Join(' ', decoys.Append(Signature))).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }

    [Theory]
    [InlineData("v1a,bm90LWFuLWVkMjU1MTktc2lnbmF0dXJl")]
    [InlineData("v2,abc v0,def")]
    public void A_list_without_v1_names_an_unsupported_algorithm(string signatures) =>
        Verify(signatures).FailureReason.Should().Be(WebhookFailureReason.UnsupportedAlgorithm);

    [Theory]
    [InlineData("v1")]
    [InlineData(",g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,not*base64")]
    [InlineData("v1,AAAA")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=AAAA")]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    public void A_broken_signature_list_is_malformed(string signatures) =>
        Verify(signatures).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);

    [Theory]
    [InlineData("-1614265330")]
    [InlineData("1614265330.0")]
    [InlineData("16142653a0")]
    [InlineData("99999999999999999999")]
    [InlineData("9223372036854775807")]
    public void A_timestamp_that_is_not_whole_unix_seconds_is_malformed(string timestamp)
    {
        using var keys = Scheme.CreateKeyRing([Secret]);

        Verify(Id, timestamp, Signature, Body, keys).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }

    [Fact]
    public void An_overlong_message_id_is_malformed()
    {
        using var keys = Scheme.CreateKeyRing([Secret]);

        Verify(new string('a', StandardWebhooksSignature.MaxMessageIdLength + 1), Timestamp, Signature, Body, keys)
            .FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }

    [Theory]
    [InlineData("", Timestamp, Signature)]
    [InlineData(Id, " ", Signature)]
    [InlineData(Id, Timestamp, "")]
    public void Any_empty_header_is_a_missing_signature(string id, string timestamp, string signatures)
    {
        using var keys = Scheme.CreateKeyRing([Secret]);

        Verify(id, timestamp, signatures, Body, keys).FailureReason.Should().Be(WebhookFailureReason.MissingSignature);
    }

    [Fact]
    public void A_received_non_ascii_message_id_is_verified_as_its_utf8_bytes()
    {
        using var keys = Scheme.CreateKeyRing([Secret]);
        const string id = "msg_é✓😀";
        var mac = HMACSHA256.HashData(keys.GetKey(0).ToArray(), Encoding.UTF8.GetBytes($"{id}.{Timestamp}.").Concat(Body).ToArray());
        var signature = "v1," + Convert.ToBase64String(mac);

        Verify(id, Timestamp, signature, Body, keys).IsValid.Should().BeTrue();
        Verify("msg_e✓😀", Timestamp, signature, Body, keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void A_secret_with_and_without_the_whsec_prefix_gives_the_same_key()
    {
        using var keys = Scheme.CreateKeyRing([Secret, Secret["whsec_".Length..]]);

        keys.GetKey(0).ToArray().Should().Equal(Convert.FromBase64String(Secret["whsec_".Length..]));
        keys.GetKey(1).ToArray().Should().Equal(keys.GetKey(0).ToArray());
    }

    [Theory]
    [InlineData("whsec_not base64!!")]
    [InlineData("whsec_")]
    [InlineData("")]
    public void A_secret_that_is_not_base64_is_refused_by_position_without_its_value(string bad)
    {
        var create = () => Scheme.CreateKeyRing([Secret, bad]);

        var error = create.Should().Throw<ArgumentException>().Which;
        error.Message.Should().Contain("Secret 1");
        if (bad.Length > "whsec_".Length)
        {
            error.Message.Should().NotContain(bad["whsec_".Length..]);
        }
    }

    [Fact]
    public void A_generated_secret_is_whsec_and_32_random_bytes()
    {
        var secret = StandardWebhooksSignature.GenerateSecret();
        using var keys = Scheme.CreateKeyRing([secret]);

        secret.Should().StartWith("whsec_");
        keys.GetKey(0).Length.Should().Be(32);
        StandardWebhooksSignature.GenerateSecret().Should().NotBe(secret);
    }

    [Fact]
    public void Signing_without_an_id_generates_a_fresh_msg_id()
    {
        using var keys = Scheme.CreateKeyRing([Secret]);

        var first = Scheme.Sign(Body, keys).Headers.GetValue("webhook-id");
        var second = Scheme.Sign(Body, keys).Headers.GetValue("webhook-id");

        first.Should().MatchRegex("^msg_[0-9A-Za-z]{27}$");
        second.Should().NotBe(first);
    }

    [Theory]
    [InlineData("")]
    [InlineData("msg 1")]
    [InlineData("msg\r\nX-Injected: 1")]
    [InlineData("msg_é")]
    public void Signing_refuses_an_id_that_cannot_travel_in_a_header(string id)
    {
        using var keys = Scheme.CreateKeyRing([Secret]);

        var sign = () => Scheme.Sign(Body, keys, new() { DeliveryId = id });

        sign.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Signing_refuses_an_overlong_id()
    {
        using var keys = Scheme.CreateKeyRing([Secret]);

        var sign = () => Scheme.Sign(Body, keys, new() { DeliveryId = new string('m', StandardWebhooksSignature.MaxMessageIdLength + 1) });

        sign.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("svix-id")]
    public void The_delivery_is_described_by_its_signed_message_id_and_the_body_type(string idHeader)
    {
        var body = """{"type":"invoice.paid","data":{"type":"nested"}}"""u8.ToArray();
        using var keys = Scheme.CreateKeyRing([Secret]);
        var signed = Scheme.Sign(body, keys, new() { Timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture)), DeliveryId = Id });
        var prefix = idHeader == "svix-id" ? "svix-" : "webhook-";
        var headers = new WebhookHeaders();
        foreach (var (name, value) in signed.Headers)
        {
            headers.Add(prefix + name["webhook-".Length..], value);
        }

        var result = Scheme.Verify(new(headers, body), keys, WebhookReadParts.Description);

        result.Description.Should().Be(new WebhookDeliveryDescription("invoice.paid", true, Id, true));
    }

    [Fact]
    public void The_scheme_reads_the_standard_and_the_svix_header_names() =>
        Scheme.HeaderNames.Should().Equal("webhook-id", "webhook-timestamp", "webhook-signature", "svix-id", "svix-timestamp", "svix-signature");

    [Fact]
    public void The_body_bytes_are_signed_exactly_as_given()
    {
        using var keys = Scheme.CreateKeyRing([Secret]);
        var crlf = Encoding.UTF8.GetBytes("{\r\n\"test\": 1\r\n}");

        var signed = Scheme.Sign(crlf, keys);

        signed.Body.ToArray().Should().Equal(crlf);
        Scheme.Verify(new(signed.Headers, crlf), keys).IsValid.Should().BeTrue();
    }

    private static WebhookVerificationResult Verify(string signatures)
    {
        using var keys = Scheme.CreateKeyRing([Secret]);
        var headers = new WebhookHeaders { { "webhook-id", Id }, { "webhook-timestamp", Timestamp }, { "webhook-signature", signatures } };
        return Scheme.Verify(new(headers, Body), keys);
    }

    /// <summary>Verifies a delivery from the values of the three standard headers.</summary>
    private static WebhookVerificationResult Verify(string id, string timestamp, string signatures, byte[] body, KeyRing keys) =>
        Scheme.Verify(new(new WebhookHeaders { { "webhook-id", id }, { "webhook-timestamp", timestamp }, { "webhook-signature", signatures } }, body), keys);
}

using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Tests.Schemes;

public sealed class StripeSignatureTests
{
    // A header made by the stripe library's generateTestHeaderString.
    private const string Secret = "whsec_test_secret";
    private const string Mac = "8042376f6ca064adbe037642a718227dfd59047137eb49497a54c49eb0cfb724";
    private const string Zeros = "0000000000000000000000000000000000000000000000000000000000000000";
    private static readonly byte[] Body = """{"id":"evt_test","object":"event"}"""u8.ToArray();

    private static readonly StripeSignature Scheme =
        new(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000)) });

    [Fact]
    public void Signing_reproduces_the_reference_library_header()
    {
        using var keys = KeyRing.FromSecrets(Secret);

        StripeSignature.CreateSignatureHeader(1700000000, Body, keys.GetKey(0)).Should().Be($"t=1700000000,v1={Mac}");
        Scheme.Sign(Body, keys).Headers.GetValue("Stripe-Signature").Should().Be($"t=1700000000,v1={Mac}");
    }

    [Fact]
    public void The_key_is_the_whole_secret_string_not_its_decoded_form()
    {
        using var decoded = KeyRing.FromSecrets("test_secret");

        Verify($"t=1700000000,v1={Mac}", decoded).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_valid_v1_is_found_first_in_the_middle_or_last(int position)
    {
        var items = new List<string> { $"v1={Zeros}", "v0=deadbeef", $"v1={new string('f', 64)}" };
        items.Insert(position == 2 ? items.Count : position, $"v1={Mac}");

        var result = Verify("t=1700000000," + string.Join(',', items));

        result.IsValid.Should().BeTrue(result.ToString());
        result.TimestampUnixMs.Should().Be(1700000000000);
    }

    [Fact]
    public void The_timestamp_may_come_after_the_signatures() =>
        Verify($"v1={Mac},t=1700000000").IsValid.Should().BeTrue();

    [Fact]
    public void Items_repeated_by_http_header_folding_still_parse() =>
        Verify($"t=1700000000, v0=abc, v1={Mac}").IsValid.Should().BeTrue();

    [Theory]
    [InlineData("t=1700000000")]
    [InlineData("t=1700000000,v0=" + Mac)]
    [InlineData("t=1700000000,v2=" + Mac + ",scheme=x")]
    public void A_header_without_v1_names_an_unsupported_algorithm(string header) =>
        Verify(header).FailureReason.Should().Be(WebhookFailureReason.UnsupportedAlgorithm);

    [Theory]
    [InlineData(",,")]
    [InlineData("v1=" + Mac)]
    [InlineData("t=1700000000,t=1700000000,v1=" + Mac)]
    [InlineData("t=,v1=" + Mac)]
    [InlineData("t=-1700000000,v1=" + Mac)]
    [InlineData("t=1700000000.5,v1=" + Mac)]
    [InlineData("t=99999999999999999,v1=" + Mac)]
    [InlineData("t=1700000000,v1=" + Mac + ",")]
    [InlineData("t=1700000000,,v1=" + Mac)]
    [InlineData("t=1700000000,v1=" + Mac + "00")]
    [InlineData("t=1700000000,v1=xyz")]
    [InlineData("t=1700000000,=abc,v1=" + Mac)]
    [InlineData("t=1700000000;v1=" + Mac)]
    [InlineData("t 1700000000,v1=" + Mac)]
    public void A_broken_header_is_malformed(string header) =>
        Verify(header).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);

    [Fact]
    public void Sixteen_items_are_read_to_the_last() =>
        Verify("t=1700000000," + string.Concat(Enumerable.Repeat($"v1={Zeros},", 14)) + $"v1={Mac}").IsValid.Should().BeTrue();

    [Fact]
    public void More_than_sixteen_items_are_malformed_even_with_a_valid_one() =>
        Verify("t=1700000000," + string.Concat(Enumerable.Repeat("v0=a,", 15)) + $"v1={Mac}")
            .FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);

    [Fact]
    public void Uppercase_hex_is_accepted() =>
        Verify($"t=1700000000,v1={Mac.ToUpperInvariant()}").IsValid.Should().BeTrue();

    [Fact]
    public void The_delivery_is_described_by_the_signed_event_type_and_id()
    {
        using var keys = KeyRing.FromSecrets(Secret);

        Scheme.SignAndRead("""{"id":"evt_1","object":"event","type":"invoice.paid"}"""u8, keys, WebhookReadParts.Description)
            .Description.Should().Be(new WebhookDeliveryDescription("invoice.paid", true, "evt_1", true));
    }

    [Fact]
    public void A_body_that_is_not_json_is_described_by_nothing_and_identified_by_what_the_mac_covers()
    {
        using var keys = KeyRing.FromSecrets(Secret);

        var result = Scheme.SignAndRead("not json"u8, keys, WebhookReadParts.All);

        result.Description.Should().Be(default(WebhookDeliveryDescription));
        result.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent(
            System.Text.Encoding.ASCII.GetBytes($"{result.TimestampUnixMs / 1000}."), "not json"u8));
    }

    private static WebhookVerificationResult Verify(string header, KeyRing? keys = null)
    {
        using var owned = KeyRing.FromSecrets(Secret);
        return Scheme.Verify(new(new WebhookHeaders { { StripeSignature.SignatureHeaderName, header } }, Body), keys ?? owned);
    }
}

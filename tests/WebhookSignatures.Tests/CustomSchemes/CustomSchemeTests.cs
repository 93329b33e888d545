using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace WebhookSignatures.Tests.CustomSchemes;

public sealed class CustomSchemeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
    private static readonly byte[] Body = """{"order":17,"status":"shipped"}"""u8.ToArray();

    private static AcmeSignature CreateScheme(DateTimeOffset? now = null) =>
        new(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(now ?? Now) });

    [Fact]
    public void A_custom_scheme_signs_and_verifies_through_the_base_type()
    {
        WebhookScheme scheme = CreateScheme();
        using var keys = scheme.CreateKeyRing(["acme-current-secret"]);

        var signed = scheme.Sign(Body, keys);
        var result = scheme.Verify(new(signed.Headers, signed.Body.Span), keys);

        signed.Headers.GetValue("X-Acme-Signature").Should().StartWith("ts=1750000000;mac=");
        result.IsValid.Should().BeTrue(result.ToString());
        result.TimestampUnixMs.Should().Be(Now.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_custom_scheme_verifies_a_body_read_from_a_stream_or_from_segments()
    {
        WebhookScheme scheme = CreateScheme();
        using var keys = scheme.CreateKeyRing(["acme-current-secret"]);
        var signed = scheme.Sign(Body, keys);

        using var segmented = WebhookBody.From(Segments.InThree(Body));
        scheme.Verify(new(signed.Headers, segmented.Span), keys).IsValid.Should().BeTrue();
        using var stream = new MemoryStream(Body);
        using var streamed = await WebhookBody.ReadAsync(stream, Body.Length);
        scheme.Verify(new(signed.Headers, streamed!.Span), keys).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_custom_scheme_that_signs_a_timestamp_identifies_each_signing_apart_and_a_resent_one_as_itself()
    {
        // The toolkit identifies a delivery by what the MAC that matched covered, <ts>.<body> here: the scheme writes no
        // identity code. One body signed at two times is two deliveries; the same signed bytes sent twice are one.
        WebhookScheme scheme = CreateScheme();
        using var keys = scheme.CreateKeyRing(["acme-current-secret"]);
        var first = scheme.Sign(Body, keys, new() { Timestamp = Now });
        var later = scheme.Sign(Body, keys, new() { Timestamp = Now.AddSeconds(30) });

        var identity = scheme.VerifySigned(first, keys, WebhookReadParts.Identity).Identity;

        identity.Source.Should().Be(WebhookDeliveryIdentitySource.SignedContent);
        identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent("1750000000."u8, Body));
        scheme.VerifySigned(first, keys, WebhookReadParts.Identity).Identity.Should().Be(identity, "a resent delivery is the same delivery");
        scheme.VerifySigned(later, keys, WebhookReadParts.Identity).Identity.Should().NotBe(identity, "a new signed timestamp is a new delivery");
        identity.Should().NotBe(WebhookDeliveryIdentity.FromSignedContent(default, Body), "the body alone is not what the MAC covered");
    }

    [Fact]
    public void A_custom_scheme_reads_its_parts_only_when_asked_and_only_for_a_delivery_that_verifies()
    {
        WebhookScheme scheme = CreateScheme();
        using var keys = scheme.CreateKeyRing(["acme-current-secret"]);
        var signed = scheme.Sign(Body, keys);
        var tampered = Body.ToArray();
        tampered[^2] ^= 1;

        scheme.VerifySigned(signed, keys).Identity.IsEmpty.Should().BeTrue("the identity was not asked for");
        scheme.VerifySigned(signed, keys, WebhookReadParts.Identity).Identity.IsEmpty.Should().BeFalse();
        scheme.Verify(new(signed.Headers, tampered), keys, WebhookReadParts.Identity).Identity.IsEmpty.Should().BeTrue("a forged delivery has no identity");
    }

    [Fact]
    public void The_mac_covers_the_timestamp()
    {
        var scheme = CreateScheme();
        using var keys = scheme.CreateKeyRing(["acme-current-secret"]);
        var header = scheme.Sign(Body, keys).Headers.GetValue(AcmeSignature.SignatureHeaderName)!;

        var moved = header.Replace("ts=1750000000", "ts=1750000001", StringComparison.Ordinal);

        scheme.Verify(new(new WebhookHeaders { { AcmeSignature.SignatureHeaderName, moved } }, Body), keys)
            .FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Rotation_reports_the_matching_ring_position(int position)
    {
        var scheme = CreateScheme();
        var secrets = new List<string> { "acme-old-secret-1", "acme-old-secret-2" };
        secrets.Insert(position, "acme-current-secret");
        using var signer = scheme.CreateKeyRing(["acme-current-secret"]);
        using var receiver = scheme.CreateKeyRing(secrets);

        var signed = scheme.Sign(Body, signer);

        scheme.Verify(new(signed.Headers, Body), receiver).MatchedKeyIndex.Should().Be(position);
    }

    [Theory]
    [InlineData(300_000, WebhookFailureReason.None)]
    [InlineData(300_001, WebhookFailureReason.TimestampTooOld)]
    [InlineData(-300_000, WebhookFailureReason.None)]
    [InlineData(-300_001, WebhookFailureReason.TimestampTooNew)]
    public void The_replay_window_of_the_base_type_applies(long clockOffsetMs, WebhookFailureReason expected)
    {
        var signer = CreateScheme();
        var receiver = CreateScheme(Now.AddMilliseconds(clockOffsetMs));
        using var keys = signer.CreateKeyRing(["acme-current-secret"]);

        var signed = signer.Sign(Body, keys);

        receiver.Verify(new(signed.Headers, Body), keys).FailureReason.Should().Be(expected);
    }

    [Theory]
    [InlineData("", WebhookFailureReason.MissingSignature)]
    [InlineData("ts=1750000000", WebhookFailureReason.MalformedSignature)]
    [InlineData("ts=;mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", WebhookFailureReason.MalformedSignature)]
    [InlineData("ts=1750000000;mac=AAAA", WebhookFailureReason.MalformedSignature)]
    [InlineData("ts=-1;mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", WebhookFailureReason.MalformedSignature)]
    [InlineData("ts=1750000000;mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", WebhookFailureReason.SignatureMismatch)]
    public void Bad_headers_fail_with_a_reason(string header, WebhookFailureReason expected)
    {
        var scheme = CreateScheme();
        using var keys = scheme.CreateKeyRing(["acme-current-secret"]);

        scheme.Verify(new(new WebhookHeaders { { AcmeSignature.SignatureHeaderName, header } }, Body), keys).FailureReason.Should().Be(expected);
    }

    [Fact]
    public void The_custom_mac_is_hmac_sha256_of_timestamp_dot_body()
    {
        var scheme = CreateScheme();
        using var keys = scheme.CreateKeyRing(["acme-current-secret"]);

        var header = scheme.Sign(Body, keys).Headers.GetValue(AcmeSignature.SignatureHeaderName)!;

        var expected = System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("acme-current-secret"), Encoding.UTF8.GetBytes("1750000000.").Concat(Body).ToArray());
        header.Should().Be("ts=1750000000;mac=" + Convert.ToBase64String(expected));
    }
}

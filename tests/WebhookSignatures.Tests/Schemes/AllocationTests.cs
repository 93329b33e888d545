using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Tests.CustomSchemes;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>A warm span verification allocates nothing, for each scheme added beside the originals.</summary>
public sealed class AllocationTests
{
    [Theory]
    [MemberData(nameof(TimestampedSchemes.Names), MemberType = typeof(TimestampedSchemes))]
    public void A_warm_span_verify_allocates_nothing(string name)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets.Reverse());
        using var signer = scheme.CreateKeyRing([TimestampedSchemes.Secrets[0]]);
        var signed = scheme.Sign(TimestampedSchemes.Body, signer);

        AllocatedBytes(() => scheme.Verify(signed.Headers, TimestampedSchemes.Body, keys)).Should().Be(0);
    }

    [Fact]
    public void A_warm_span_verify_of_a_large_body_allocates_nothing()
    {
        var scheme = TimestampedSchemes.Create(StripeSignature.SchemeName);
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
        var body = new byte[256 * 1024];
        var signed = scheme.Sign(body, keys);

        AllocatedBytes(() => scheme.Verify(signed.Headers, body, keys)).Should().Be(0);
    }

    [Fact]
    public void A_warm_legacy_sha1_verify_allocates_nothing()
    {
        using var keys = KeyRing.FromSecrets("key");
        var headers = new WebhookHeaders { { "X-Hub-Signature", "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9" } };
        var body = "The quick brown fox jumps over the lazy dog"u8.ToArray();

        AllocatedBytes(() => GitHubSha1Signature.Default.Verify(headers, body, keys)).Should().Be(0);
    }

    [Fact]
    public void A_warm_verify_of_the_custom_scheme_allocates_nothing()
    {
        var scheme = new AcmeSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) });
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
        var signed = scheme.Sign(TimestampedSchemes.Body, keys);

        AllocatedBytes(() => scheme.Verify(signed.Headers, TimestampedSchemes.Body, keys)).Should().Be(0);
    }

    private static long AllocatedBytes(Func<WebhookVerificationResult> verify)
    {
        verify().IsValid.Should().BeTrue("the measured call must take the full verification path");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = verify();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        result.IsValid.Should().BeTrue();
        return allocated;
    }
}

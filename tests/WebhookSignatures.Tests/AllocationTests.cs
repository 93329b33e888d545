using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Tests;

public sealed class AllocationTests
{
    [Theory]
    [InlineData(1024)]
    [InlineData(65536)]
    [InlineData(1048576)]
    [InlineData(0)]
    public void Verifying_on_the_span_path_allocates_nothing(int size)
    {
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)) });
        using var keys = KeyRing.FromSecrets("previous-secret-0123456789", TestKeys.Secret);
        var payload = TestKeys.Utf8("{\"pad\":\"" + new string('x', size) + "\"}");
        using var signing = KeyRing.FromSecrets(TestKeys.Secret);
        var infisical = scheme.Sign(payload, signing);
        var infisicalHeader = infisical.Headers.GetValue(InfisicalSignature.SignatureHeaderName);
        var infisicalBody = infisical.Body.ToArray();
        var hubHeader = HubSignature.CreateSignatureHeader(payload, TestKeys.Bytes());

        // Warm every measured path past JIT tiering, so one-time initialisation is not counted.
        for (var i = 0; i < 50; i++)
        {
            scheme.Verify(infisicalHeader, infisicalBody, keys).IsValid.Should().BeTrue();
            SnykSignature.Default.Verify(hubHeader, payload, keys).IsValid.Should().BeTrue();
            SnykSignature.Default.Verify(hubHeader, infisicalBody, keys).IsValid.Should().BeFalse();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var infisicalValid = scheme.Verify(infisicalHeader, infisicalBody, keys).IsValid;
        var hubValid = SnykSignature.Default.Verify(hubHeader, payload, keys).IsValid;
        var mismatch = SnykSignature.Default.Verify(hubHeader, infisicalBody, keys).IsValid;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        (infisicalValid, hubValid, mismatch).Should().Be((true, true, false));
        allocated.Should().Be(0);
    }
}

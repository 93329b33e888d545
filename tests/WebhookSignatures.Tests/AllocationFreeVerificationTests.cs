using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Tests.CustomSchemes;
using WebhookSignatures.Tests.Schemes;

namespace WebhookSignatures.Tests;

/// <summary>
/// A warm span verification allocates nothing, whether the signature matches or not, for every built-in scheme and a
/// custom one on the skeleton, from an empty body to a megabyte, with the matching secret last in the ring so every
/// key is tried.
/// </summary>
public sealed class AllocationFreeVerificationTests
{
    private const string CustomSchemeName = "custom (acme)";

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in WebhookSchemeCatalog.BuiltIn.All.Select(s => s.Name).Append(CustomSchemeName))
        {
            foreach (var size in new[] { 0, 1024, 65536, 1024 * 1024 })
            {
                data.Add(name, size);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_warm_span_verify_allocates_nothing_for_a_match_or_a_mismatch(string name, int padding)
    {
        var scheme = Create(name);
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets.Reverse());
        var target = SchemeInputs.Target;
        var (headers, body) = Sign(scheme, SchemeInputs.JsonBody(name, Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', padding) + "\"}"), TimestampedSchemes.Now));
        var other = (byte[])body.Clone();
        var otherHeaders = headers;
        if (scheme is GitLabToken)
        {
            // The token covers no body: the mismatch is a wrong token.
            otherHeaders = new WebhookHeaders { { GitLabToken.TokenHeaderName, "not-the-token" } };
        }
        else
        {
            other[^2] ^= 0x01;
        }

        // Warm both paths past JIT tiering, so one-time initialisation is not counted.
        for (var i = 0; i < 20; i++)
        {
            scheme.Verify(new(headers, body, target), keys).IsValid.Should().BeTrue("the measured call must take the full verification path");
            scheme.Verify(new(otherHeaders, other, target), keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        }

        // An allocation in the verifier happens on every call; one the runtime makes while it compiles a method on this
        // thread (more likely on a busy machine, where background compilation lags) happens once. So the least of a few
        // measured calls is what the verifier allocates.
        var least = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var match = scheme.Verify(new(headers, body, target), keys);
            var mismatch = scheme.Verify(new(otherHeaders, other, target), keys);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            (match.MatchedKeyIndex, mismatch.FailureReason).Should().Be((TimestampedSchemes.Secrets.Length - 1, WebhookFailureReason.SignatureMismatch));
        }

        least.Should().Be(0);
    }

    private static WebhookScheme Create(string name)
    {
        var options = new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) };
        return name == CustomSchemeName ? new AcmeSignature(options) : WebhookSchemeCatalog.BuiltIn.Get(name).Create(options);
    }

    /// <summary>Signs with the ring's first secret, the last one the verifying ring tries.</summary>
    private static (WebhookHeaders Headers, byte[] Body) Sign(WebhookScheme scheme, byte[] payload)
    {
        var secret = TimestampedSchemes.Secrets[0];
        if (scheme is GitHubSha1Signature)
        {
            // The legacy scheme only verifies: sign as GitHub's SHA-1 sender does.
            var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), payload);
            return (new WebhookHeaders { { GitHubSha1Signature.SignatureHeaderName, "sha1=" + Convert.ToHexStringLower(mac) } }, payload);
        }

        using var signer = scheme.CreateKeyRing([secret]);
        var signed = scheme.Sign(payload, signer, new() { Target = SchemeInputs.Target });
        return (signed.Headers, signed.Body.ToArray());
    }
}

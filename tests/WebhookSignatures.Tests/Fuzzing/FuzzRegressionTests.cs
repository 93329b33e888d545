using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Tests.Fuzzing;

/// <summary>Inputs found by fuzz/run.sh that once made the library throw, kept so they never do again.</summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, byte[]> Findings => new()
    {
        // headers target: an event string with invalid UTF-8 made describing the delivery throw InvalidOperationException.
        { "t=175678941;bd84", [.. "{\"event\":\"l"u8, 0x81, .. "mp\",\"timestamp\":1}"u8] },
        { "O:31f21", [.. "{\"event\":\"secrets.mg}v1,gOE=\"}"u8, 0xFD, .. "{\"test\":314}"u8] },
        { "t=1;x", [.. "{\"event\":\""u8, 0xFF, 0xFF, .. "\"}"u8] },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Reading_a_found_input_neither_throws_nor_accepts_and_signed_it_reads_every_part_without_throwing(string header, byte[] body)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var forged = new WebhookHeaders
        {
            { InfisicalSignature.SignatureHeaderName, header },
            { SnykSignature.SignatureHeaderName, header },
        };

        // The body's own "timestamp" is 1 ms where it has one: the clock stands there so Infisical's window passes.
        var infisical = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1)) });
        var signed = new WebhookHeaders
        {
            { InfisicalSignature.SignatureHeaderName, InfisicalSignature.CreateSignatureHeader(1, body, TestKeys.Bytes()) },
            { SnykSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(body, TestKeys.Bytes()) },
            { GitHubSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(body, TestKeys.Bytes()) },
            { SnykSignature.EventHeaderName, header },
            { GitHubSignature.EventHeaderName, header },
        };

        foreach (var scheme in new WebhookScheme[] { infisical, SnykSignature.Default, GitHubSignature.Default })
        {
            var result = scheme.Verify(new(forged, body), keys, WebhookReadParts.All);
            result.IsValid.Should().BeFalse();
            result.Description.Should().Be(default(WebhookDeliveryDescription));

            var read = () => scheme.Verify(new(signed, body), keys, WebhookReadParts.All);
            read.Should().NotThrow("{0} must survive any body", scheme);
            if (scheme is not InfisicalSignature)
            {
                read().Description.EventName.Should().Be(header, "{0} signs the body alone and reads its event from a header", scheme);
            }
        }
    }
}

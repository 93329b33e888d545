using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Tests.Fuzzing;

/// <summary>Inputs found by fuzz/run.sh that once made the library throw, kept so they never do again.</summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, byte[]> Findings => new()
    {
        // headers target: an event string with invalid UTF-8 made DescribeDelivery throw InvalidOperationException.
        { "t=175678941;bd84", [.. "{\"event\":\"l"u8, 0x81, .. "mp\",\"timestamp\":1}"u8] },
        { "O:31f21", [.. "{\"event\":\"secrets.mg}v1,gOE=\"}"u8, 0xFD, .. "{\"test\":314}"u8] },
        { "t=1;x", [.. "{\"event\":\""u8, 0xFF, 0xFF, .. "\"}"u8] },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Describing_and_verifying_a_found_input_neither_throws_nor_accepts(string header, byte[] body)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var headers = new WebhookHeaders
        {
            { InfisicalSignature.SignatureHeaderName, header },
            { SnykSignature.SignatureHeaderName, header },
        };

        foreach (var scheme in new WebhookScheme[] { InfisicalSignature.Default, SnykSignature.Default, GitHubSignature.Default })
        {
            scheme.Verify(headers, body, keys).IsValid.Should().BeFalse();
            var describe = () => scheme.DescribeDelivery(headers, body);
            describe.Should().NotThrow("{0} must survive any body", scheme);
        }
    }
}

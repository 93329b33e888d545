using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Tests.Schemes;

public sealed class HubSignatureTests
{
    private static readonly byte[] Body = TestKeys.Utf8("""{"webhookId":"d3cf26b3-2d77-497b-bce2-23b33cc15362"}""");

    [Fact]
    public void Sign_sends_the_body_unchanged_under_the_scheme_header()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);

        var snyk = SnykSignature.Default.Sign(Body, keys);
        var github = GitHubSignature.Default.Sign(Body, keys);

        snyk.Body.ToArray().Should().Equal(Body);
        snyk.TimestampUnixMs.Should().BeNull();
        snyk.Headers.GetValue("x-hub-signature").Should().MatchRegex("^sha256=[0-9a-f]{64}$");
        github.Headers.GetValue("X-Hub-Signature-256").Should().Be(snyk.Headers.GetValue("X-Hub-Signature"));
        SnykSignature.Default.Verify(new(snyk.Headers, Body), keys).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Each_sender_reads_only_its_own_header()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var snyk = SnykSignature.Default.Sign(Body, keys);

        GitHubSignature.Default.Verify(new(snyk.Headers, Body), keys).FailureReason.Should().Be(WebhookFailureReason.MissingSignature);
    }

    [Theory]
    [InlineData("sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("sha512=00", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", WebhookFailureReason.MalformedSignature)]
    [InlineData("sha 256=757107ea", WebhookFailureReason.MalformedSignature)]
    [InlineData("sha256=", WebhookFailureReason.MalformedSignature)]
    [InlineData("sha256==757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1", WebhookFailureReason.MalformedSignature)]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17, sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", WebhookFailureReason.MalformedSignature)]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", WebhookFailureReason.MalformedSignature)]
    [InlineData("", WebhookFailureReason.MissingSignature)]
    public void Bad_headers_get_the_right_reason(string header, WebhookFailureReason reason)
    {
        using var keys = KeyRing.FromSecrets("It's a Secret to Everybody");

        GitHubSignature.Default.VerifySignatureHeader(header, "Hello, World!"u8, keys).FailureReason.Should().Be(reason);
    }

    [Fact]
    public void Uppercase_hex_verifies_like_lowercase()
    {
        using var keys = KeyRing.FromSecrets("It's a Secret to Everybody");

        GitHubSignature.Default.VerifySignatureHeader("sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17", "Hello, World!"u8, keys)
            .IsValid.Should().BeTrue();
    }

    [Fact]
    public void The_identity_of_a_valid_result_is_the_body_the_signature_covers_never_the_signature()
    {
        using var keys = KeyRing.FromSecrets("It's a Secret to Everybody");
        const string Lower = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        var result = GitHubSignature.Default.VerifySignatureHeader(Lower, "Hello, World!"u8, keys, WebhookReadParts.Identity);

        result.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent(default, "Hello, World!"u8));
        GitHubSignature.Default.VerifySignatureHeader(Lower.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), "Hello, World!"u8, keys, WebhookReadParts.Identity)
            .Identity.Should().Be(result.Identity, "another spelling of the same MAC is the same delivery");
        result.TimestampUnixMs.Should().BeNull("hub signatures sign no timestamp");
    }

    [Fact]
    public void The_description_reads_the_sender_event_and_delivery_headers_which_are_not_signed()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var headers = new WebhookHeaders
        {
            { "X-Hub-Signature", HubSignature.CreateSignatureHeader(Body, TestKeys.Bytes()) },
            { "X-Hub-Signature-256", HubSignature.CreateSignatureHeader(Body, TestKeys.Bytes()) },
            { "X-Snyk-Event", "project_snapshot/v0" },
            { "X-Snyk-Transport-ID", "8f4b6c1e-1d0a-4f5e-9a51-0d2c8e7b9a10" },
            { "X-GitHub-Event", "push" },
        };

        SnykSignature.Default.Verify(new(headers, Body), keys, WebhookReadParts.Description).Description
            .Should().Be(new WebhookDeliveryDescription("project_snapshot/v0", false, "8f4b6c1e-1d0a-4f5e-9a51-0d2c8e7b9a10", false));
        GitHubSignature.Default.Verify(new(headers, Body), keys, WebhookReadParts.Description).Description
            .Should().Be(new WebhookDeliveryDescription("push", false, null, false));
    }

    [Theory]
    [InlineData("sha512=00")]
    [InlineData("md5=00")]
    [InlineData("SHA1=00")]
    [InlineData("1sha=00")]
    [InlineData("sha-256=00")]
    [InlineData("sha 1=00")]
    [InlineData("=00")]
    [InlineData("sha25=6=00")]
    public void Both_hub_algorithms_judge_a_foreign_label_by_the_same_rule(string header)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);

        var sha256 = SnykSignature.Default.VerifySignatureHeader(header, Body, keys).FailureReason;
        var sha1 = GitHubSha1Signature.Default.VerifySignatureHeader(header, Body, keys).FailureReason;

        sha256.Should().BeOneOf(WebhookFailureReason.UnsupportedAlgorithm, WebhookFailureReason.MalformedSignature);
        sha1.Should().Be(sha256);
    }
}

using System.Text;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Tests.Schemes;

public sealed class GitHubSha1SignatureTests
{
    // HMAC-SHA1("key", "The quick brown fox jumps over the lazy dog"), the well-known example value.
    private const string Header = "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9";
    private static readonly byte[] Body = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");

    [Fact]
    public void A_legacy_sha1_signature_verifies_when_the_scheme_is_chosen()
    {
        using var keys = KeyRing.FromSecrets("key");

        var result = GitHubSha1Signature.Default.Verify(new(new WebhookHeaders { { "X-Hub-Signature", Header } }, Body), keys, WebhookReadParts.Identity);

        result.IsValid.Should().BeTrue(result.ToString());
        result.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent(default, Body), "the MAC covers the body alone");
        result.TimestampUnixMs.Should().BeNull();
    }

    [Fact]
    public void The_default_github_scheme_does_not_accept_sha1()
    {
        using var keys = KeyRing.FromSecrets("key");

        GitHubSignature.Default.VerifySignatureHeader(Header, Body, keys).FailureReason.Should().Be(WebhookFailureReason.UnsupportedAlgorithm);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_matching_secret_is_found_at_any_ring_position(int position)
    {
        var secrets = new List<string> { "older-one", "older-two" };
        secrets.Insert(position, "key");
        using var keys = KeyRing.FromSecrets(secrets);

        GitHubSha1Signature.Default.VerifySignatureHeader(Header, Body, keys).MatchedKeyIndex.Should().Be(position);
    }

    [Theory]
    [InlineData("sha256=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9", WebhookFailureReason.UnsupportedAlgorithm)]
    [InlineData("sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d8", WebhookFailureReason.SignatureMismatch)]
    [InlineData("sha1=de7c9b85", WebhookFailureReason.MalformedSignature)]
    [InlineData("sha1=zz7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9", WebhookFailureReason.MalformedSignature)]
    [InlineData("de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9", WebhookFailureReason.MalformedSignature)]
    [InlineData("1sha=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9", WebhookFailureReason.MalformedSignature)]
    [InlineData("", WebhookFailureReason.MissingSignature)]
    public void Other_headers_fail_with_their_reason(string header, WebhookFailureReason reason)
    {
        using var keys = KeyRing.FromSecrets("key");

        GitHubSha1Signature.Default.VerifySignatureHeader(header, Body, keys).FailureReason.Should().Be(reason);
    }

    [Fact]
    public void Signing_is_refused_and_points_to_sha256()
    {
        using var keys = KeyRing.FromSecrets("key");

        var sign = () => GitHubSha1Signature.Default.Sign(Body, keys);

        sign.Should().Throw<NotSupportedException>().WithMessage("*verif*X-Hub-Signature-256*");
    }

    [Fact]
    public void The_scheme_is_named_github_sha1_and_reads_x_hub_signature()
    {
        GitHubSha1Signature.Default.Name.Should().Be("github-sha1");
        GitHubSha1Signature.Default.HeaderNames.Should().Equal("X-Hub-Signature");
        GitHubSha1Signature.Default.SignsTimestamp.Should().BeFalse();
    }

    [Fact]
    public void The_delivery_is_described_by_the_github_headers_which_are_not_signed()
    {
        var headers = new WebhookHeaders { { "X-Hub-Signature", Header }, { "X-GitHub-Event", "push" }, { "X-GitHub-Delivery", "72d3162e" } };
        using var keys = KeyRing.FromSecrets("key");

        GitHubSha1Signature.Default.Verify(new(headers, Body), keys, WebhookReadParts.Description).Description
            .Should().Be(new WebhookDeliveryDescription("push", false, "72d3162e", false));
    }
}

using WebhookSignatures.Tests.Vectors;

namespace WebhookSignatures.Ed25519.Tests;

/// <summary>Every case of the asymmetric vector files, and the HMAC Standard Webhooks ones, through the Ed25519 catalog.</summary>
public sealed class Ed25519VectorTests
{
    public static TheoryData<VectorCase> Discord => [.. VectorCase.Load("discord.json")];

    public static TheoryData<VectorCase> StandardWebhooksV1a => [.. VectorCase.Load("standard-webhooks-v1a.json")];

    public static TheoryData<VectorCase> StandardWebhooksV1 => [.. VectorCase.Load("standard-webhooks.json")];

    [Theory]
    [MemberData(nameof(Discord))]
    [MemberData(nameof(StandardWebhooksV1a))]
    [MemberData(nameof(StandardWebhooksV1))]
    public void Every_vector_case_gets_the_expected_verdict(VectorCase vector)
    {
        var scheme = Catalogs.WithEd25519.Get(vector.Scheme).Create(vector.CreateOptions());
        using var keys = scheme.CreateKeyRing(vector.Secrets);

        var result = scheme.Verify(new(vector.CreateHeaders(), vector.BodyBytes), keys, WebhookReadParts.All);

        result.IsValid.Should().Be(vector.ExpectedValid, "case {0} expects valid={1}, got {2}", vector, vector.ExpectedValid, result);
        if (vector.ExpectedReason is not null)
        {
            result.FailureReason.ToString().Should().Be(vector.ExpectedReason);
        }

        if (vector.ExpectedValid)
        {
            result.MatchedKeyIndex.Should().Be(vector.ExpectedMatchedSecretIndex);
            result.TimestampUnixMs.Should().Be(vector.ExpectedTimestampUnixMs);
            result.Identity.IsEmpty.Should().BeFalse();
        }
        else
        {
            result.Identity.IsEmpty.Should().BeTrue();
            result.Handshake.Should().BeNull("an unverified PING is never answered");
        }
    }

    [Fact]
    public void The_asymmetric_vector_files_have_their_cases()
    {
        VectorCase.Load("discord.json").Should().HaveCount(3);
        VectorCase.Load("standard-webhooks-v1a.json").Should().HaveCount(3);
    }
}

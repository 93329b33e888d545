namespace WebhookSignatures.Tests.Vectors;

public sealed class VectorTests
{
    public static TheoryData<VectorCase> Infisical => Cases("infisical.json");

    public static TheoryData<VectorCase> Snyk => Cases("snyk.json");

    public static TheoryData<VectorCase> GitHub => Cases("github.json");

    public static TheoryData<VectorCase> StandardWebhooks => Cases("standard-webhooks.json");

    public static TheoryData<VectorCase> Stripe => Cases("stripe.json");

    public static TheoryData<VectorCase> InfisicalAlerts => Cases("infisical-alerts.json");

    public static TheoryData<VectorCase> Slack => Cases("slack.json");

    public static TheoryData<VectorCase> Zoom => Cases("zoom.json");

    public static TheoryData<VectorCase> Twitch => Cases("twitch.json");

    public static TheoryData<VectorCase> Paddle => Cases("paddle.json");
    public static TheoryData<VectorCase> Twilio => Cases("twilio.json");

    public static TheoryData<VectorCase> HubSpot => Cases("hubspot.json");

    public static TheoryData<VectorCase> Square => Cases("square.json");

    public static TheoryData<VectorCase> Shopify => Cases("shopify.json");

    public static TheoryData<VectorCase> Linear => Cases("linear.json");

    public static TheoryData<VectorCase> GitLab => Cases("gitlab.json");

    [Theory]
    [MemberData(nameof(Infisical))]
    [MemberData(nameof(Snyk))]
    [MemberData(nameof(GitHub))]
    [MemberData(nameof(StandardWebhooks))]
    [MemberData(nameof(Stripe))]
    [MemberData(nameof(InfisicalAlerts))]
    [MemberData(nameof(Slack))]
    [MemberData(nameof(Zoom))]
    [MemberData(nameof(Twitch))]
    [MemberData(nameof(Paddle))]
    [MemberData(nameof(Twilio))]
    [MemberData(nameof(HubSpot))]
    [MemberData(nameof(Square))]
    [MemberData(nameof(Shopify))]
    [MemberData(nameof(Linear))]
    [MemberData(nameof(GitLab))]
    public void Every_vector_case_gets_the_expected_verdict(VectorCase vector)
    {
        var scheme = VectorSchemes.Create(vector);
        using var keys = scheme.CreateKeyRing(vector.Secrets);

        var result = scheme.Verify(new(vector.CreateHeaders(), vector.BodyBytes, vector.Target), keys, WebhookReadParts.All);

        AssertMatches(vector, result);
        scheme.Verify(new(vector.CreateHeaders(), vector.BodyBytes, vector.Target), keys).FailureReason.Should().Be(result.FailureReason, "asking for parts never changes the verdict");
    }

    [Fact]
    public void Every_vector_file_for_the_supported_schemes_has_cases()
    {
        VectorCase.Load("infisical.json").Should().HaveCountGreaterThan(10);
        VectorCase.Load("snyk.json").Should().HaveCountGreaterThan(5);
        VectorCase.Load("github.json").Should().HaveCountGreaterThan(5);
        VectorCase.Load("standard-webhooks.json").Should().HaveCountGreaterThanOrEqualTo(10);
        VectorCase.Load("stripe.json").Should().HaveCountGreaterThanOrEqualTo(7);
        VectorCase.Load("infisical-alerts.json").Should().HaveCountGreaterThanOrEqualTo(4);
        VectorCase.Load("slack.json").Should().HaveCountGreaterThanOrEqualTo(5);
        VectorCase.Load("zoom.json").Should().HaveCountGreaterThanOrEqualTo(3);
        VectorCase.Load("twitch.json").Should().HaveCountGreaterThanOrEqualTo(3);
        VectorCase.Load("paddle.json").Should().HaveCountGreaterThanOrEqualTo(3);
        foreach (var file in new[] { "twilio.json", "hubspot.json", "square.json", "shopify.json", "linear.json", "gitlab.json" })
        {
            VectorCase.Load(file).Should().HaveCountGreaterThanOrEqualTo(2, file);
        }
    }

    [Theory]
    [MemberData(nameof(Twilio))]
    [MemberData(nameof(HubSpot))]
    [MemberData(nameof(Square))]
    public void A_request_signing_vector_without_its_url_fails_closed(VectorCase vector)
    {
        var scheme = VectorSchemes.Create(vector);
        using var keys = scheme.CreateKeyRing(vector.Secrets);
        var headers = vector.CreateHeaders();

        var result = scheme.Verify(new(headers, vector.BodyBytes), keys);

        scheme.SignsRequestTarget.Should().BeTrue();
        result.IsValid.Should().BeFalse();
        result.FailureReason.Should().Be(keys.IsEmpty ? WebhookFailureReason.NoSecrets : WebhookFailureReason.MissingRequestUrl, "the missing URL is the receiver's to fix, whatever the delivery carries");
    }

    [Fact]
    public void The_stripe_vector_without_v1_fails_as_an_unsupported_algorithm()
    {
        var vector = VectorCase.Load("stripe.json").Single(c => c.Name == "no-v1");
        var scheme = VectorSchemes.Create(vector);
        using var keys = scheme.CreateKeyRing(vector.Secrets);

        scheme.Verify(new(vector.CreateHeaders(), vector.BodyBytes), keys).FailureReason.Should().Be(WebhookFailureReason.UnsupportedAlgorithm);
    }

    /// <summary>Asserts the vector's verdict on a result read with every part.</summary>
    internal static void AssertMatches(VectorCase vector, WebhookVerificationResult result)
    {
        result.IsValid.Should().Be(vector.ExpectedValid, "case {0} expects valid={1}, got {2}", vector, vector.ExpectedValid, result);
        if (vector.ExpectedReason is not null)
        {
            result.FailureReason.ToString().Should().Be(vector.ExpectedReason);
        }

        if (vector.ExpectedValid)
        {
            result.MatchedKeyIndex.Should().Be(vector.ExpectedMatchedSecretIndex);
            result.TimestampUnixMs.Should().Be(vector.ExpectedTimestampUnixMs);
            result.Identity.IsEmpty.Should().BeFalse("a verified delivery read with every part has an identity");
        }
        else
        {
            result.Identity.IsEmpty.Should().BeTrue("a delivery that does not verify has no identity");
            result.Description.Should().Be(default(WebhookDeliveryDescription));
            result.Handshake.Should().BeNull();
        }
    }

    private static TheoryData<VectorCase> Cases(string file) => [.. VectorCase.Load(file)];
}

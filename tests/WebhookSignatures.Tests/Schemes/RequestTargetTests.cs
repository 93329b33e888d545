namespace WebhookSignatures.Tests.Schemes;

/// <summary>
/// The schemes that sign the request line need it: without one, verifying fails closed before any header is read (the
/// missing URL is the receiver's to fix, like a missing secret, so it is reported whatever the delivery carries), and
/// signing refuses.
/// </summary>
public sealed class RequestTargetTests
{
    public static TheoryData<string> Names => [.. WebhookSchemeCatalog.BuiltIn.All.Where(r => r.SignsRequestTarget).Select(r => r.Name)];

    [Fact]
    public void Twilio_HubSpot_and_Square_sign_the_request_line_and_no_other_scheme_does() =>
        WebhookSchemeCatalog.BuiltIn.All.Where(r => r.SignsRequestTarget).Select(r => r.Name).Should().BeEquivalentTo("twilio", "hubspot", "square");

    [Theory]
    [MemberData(nameof(Names))]
    public void Without_a_request_line_the_result_is_missing_request_url_after_no_secrets_and_before_any_header(string name)
    {
        var scheme = WebhookSchemeCatalog.BuiltIn.Get(name).Default;
        using var keys = scheme.CreateKeyRing([TimestampedSchemes.Secrets[0]]);
        var signed = scheme.Sign("a=1"u8, keys, new() { Target = SchemeInputs.Target });

        scheme.Verify(new(signed.Headers, signed.Body.Span), keys, WebhookReadParts.All).FailureReason.Should().Be(WebhookFailureReason.MissingRequestUrl);
        scheme.Verify(new(new WebhookHeaders(), "a=1"u8), keys).FailureReason.Should().Be(WebhookFailureReason.MissingRequestUrl);
        scheme.Verify(new(new WebhookHeaders(), "a=1"u8), KeyRing.Empty).FailureReason.Should().Be(WebhookFailureReason.NoSecrets);
        scheme.Verify(new(new WebhookHeaders(), "a=1"u8, SchemeInputs.Target), keys).FailureReason.Should().Be(WebhookFailureReason.MissingSignature);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Signing_without_a_request_line_is_refused_naming_the_scheme(string name)
    {
        var scheme = WebhookSchemeCatalog.BuiltIn.Get(name).Default;
        using var keys = scheme.CreateKeyRing([TimestampedSchemes.Secrets[0]]);

        var sign = () => scheme.Sign("a=1"u8.ToArray(), keys);

        sign.Should().Throw<ArgumentException>().WithMessage($"*'{name}'*");
    }
}

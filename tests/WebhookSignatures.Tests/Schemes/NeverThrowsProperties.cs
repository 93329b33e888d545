using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Tests.CustomSchemes;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>Whatever a sender puts in the headers, verification returns an invalid result and never throws.</summary>
public sealed class NeverThrowsProperties
{
    private static readonly string[] Tokens =
    [
        "t=", "v1=", "v0=", "v1,", "v1a,", "ts=", ";mac=", "sha1=", "sha256=", ",", ";", " ", "\t", "=", ".", "-",
        "1700000000", "1700000000000", "99999999999999999999", "0",
        "8042376f6ca064adbe037642a718227dfd59047137eb49497a54c49eb0cfb724",
        "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "AAAA", "==", "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
        "é", "😀", "\uD800", "\0", "msg_p5jXN8AQM9LWM0D4loKWxJek",
    ];

    [Property(MaxTest = 300)]
    public Property Standard_webhooks_never_throws_on_any_headers() =>
        Prop.ForAll(Arb.Zip(Arb.Zip(HeaderText(), HeaderText()), HeaderText()), values =>
        {
            var ((id, timestamp), signatures) = values;
            var scheme = TimestampedSchemes.Create(StandardWebhooksSignature.SchemeName);
            using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
            var headers = Headers(("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", signatures));
            return !scheme.Verify(headers, TimestampedSchemes.Body, keys).IsValid;
        });

    [Property(MaxTest = 300)]
    public Property Stripe_never_throws_on_any_header() =>
        Prop.ForAll(HeaderText(), header => Rejects(TimestampedSchemes.Create(StripeSignature.SchemeName), StripeSignature.SignatureHeaderName, header));

    [Property(MaxTest = 300)]
    public Property Infisical_alerts_never_throws_on_any_header() =>
        Prop.ForAll(HeaderText(), header => Rejects(TimestampedSchemes.Create(InfisicalAlertsSignature.SchemeName), InfisicalAlertsSignature.SignatureHeaderName, header));

    [Property(MaxTest = 300)]
    public Property Legacy_sha1_never_throws_on_any_header() =>
        Prop.ForAll(HeaderText(), header => Rejects(GitHubSha1Signature.Default, GitHubSha1Signature.SignatureHeaderName, header));

    [Property(MaxTest = 300)]
    public Property The_custom_scheme_never_throws_on_any_header() =>
        Prop.ForAll(HeaderText(), header => Rejects(new AcmeSignature(), AcmeSignature.SignatureHeaderName, header));

    /// <summary>Half arbitrary text, half strings built from the pieces the parsers look for.</summary>
    private static Arbitrary<string?> HeaderText() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string?>(),
            Gen.ArrayOf(Gen.Elements(Tokens)).Select(parts => (string?)string.Concat(parts)))
        .ToArbitrary();

    private static bool Rejects(WebhookScheme scheme, string headerName, string? header)
    {
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
        return !scheme.Verify(Headers((headerName, header)), TimestampedSchemes.Body, keys).IsValid;
    }

    private static WebhookHeaders Headers(params (string Name, string? Value)[] values)
    {
        var headers = new WebhookHeaders();
        foreach (var (name, value) in values)
        {
            if (value is not null)
            {
                headers.Add(name, value);
            }
        }

        return headers;
    }
}

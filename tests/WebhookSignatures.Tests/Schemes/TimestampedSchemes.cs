using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Paddle;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Schemes.Twitch;
using WebhookSignatures.Schemes.Zoom;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>
/// The schemes that sign a timestamp before the body and send the body unchanged, built on a fake clock, and secrets every
/// one of them accepts. (Infisical project webhooks sign a timestamp inside the body, which signing appends.)
/// </summary>
public static class TimestampedSchemes
{
    /// <summary>A whole second, so that second-based schemes sign it exactly.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    /// <summary>Three distinct secrets; each is valid base64, so Standard Webhooks decodes them too.</summary>
    public static readonly string[] Secrets =
    [
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=",
        "dGhpcmQtc2VjcmV0LXdpdGhvdXQtcHJlZml4",
    ];

    public static readonly byte[] Body = """{"type":"invoice.paid","id":"evt_1","data":{"amount":42}}"""u8.ToArray();

    public static TheoryData<string> Names =>
    [
        StandardWebhooksSignature.SchemeName, StripeSignature.SchemeName, InfisicalAlertsSignature.SchemeName,
        SlackSignature.SchemeName, ZoomSignature.SchemeName, TwitchSignature.SchemeName, PaddleSignature.SchemeName,
    ];

    public static WebhookScheme Create(string name, TimeProvider clock, TimeSpan? tolerance = null)
    {
        if (!Names.Contains(name))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "Not a scheme that signs a timestamp before the body.");
        }

        return WebhookSchemeCatalog.BuiltIn.Get(name).Create(new WebhookSchemeOptions { TimeProvider = clock, Tolerance = tolerance ?? WebhookSchemeOptions.DefaultTolerance });
    }

    public static WebhookScheme Create(string name) => Create(name, new FakeTimeProvider(Now));
}

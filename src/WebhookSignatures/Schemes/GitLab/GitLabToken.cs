using System.Text;

namespace WebhookSignatures.Schemes.GitLab;

/// <summary>
/// GitLab's webhook secret token: <c>X-Gitlab-Token: &lt;the secret token itself&gt;</c>. There is no MAC: the received
/// token is compared with each configured one in constant time (their SHA-256 digests, so lengths never show).
/// </summary>
/// <remarks>
/// <para><b>What this does not protect.</b> The token proves the sender knows it, nothing more: it does not cover the
/// body, so anyone who sees one delivery (a log, a proxy, a misdirected request) can send any body with it, and it
/// covers no timestamp, so nothing limits replays. Serve the endpoint over HTTPS only, keep the token out of logs,
/// keep exactly-once handling on and rotate the token if it may have leaked.</para>
/// <para>GitLab 19 and later can sign webhooks with Standard Webhooks headers (<c>webhook-id</c>,
/// <c>webhook-timestamp</c>, <c>webhook-signature</c>); where it does, register the <c>standard-webhooks</c> scheme
/// instead, which covers the body and a timestamp.</para>
/// <para>The event is <c>X-Gitlab-Event</c> (<c>Push Hook</c>), the delivery id <c>X-Gitlab-Event-UUID</c> (or
/// <c>X-Gitlab-Webhook-UUID</c>); neither is signed. A delivery is recognised by its body's hash.</para>
/// </remarks>
public sealed class GitLabToken : WebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "gitlab";

    /// <summary>The header carrying the secret token.</summary>
    public const string TokenHeaderName = "X-Gitlab-Token";

    /// <summary>The header naming the event, such as <c>Push Hook</c>; not signed.</summary>
    public const string EventHeaderName = "X-Gitlab-Event";

    /// <summary>The header carrying GitLab's id for the event; not signed.</summary>
    public const string EventIdHeaderName = "X-Gitlab-Event-UUID";

    /// <summary>The header carrying GitLab's id for the webhook delivery, read when <see cref="EventIdHeaderName"/> is absent; not signed.</summary>
    public const string WebhookIdHeaderName = "X-Gitlab-Webhook-UUID";

    private static readonly string[] Headers = [TokenHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">The clock; the tolerance is unused, as nothing is signed.</param>
    public GitLabToken(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings: the system clock.</summary>
    public static GitLabToken Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <inheritdoc />
    /// <remarks>The identity is the body's hash; the event and delivery id come from unsigned headers.</remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        if (context.TryGetHeader(TokenHeaderName, out var token) && context.MatchToken(token) && context.Wants(WebhookReadParts.Description))
        {
            var headers = context.Headers;
            context.Describe(new(headers.GetValue(EventHeaderName), false, headers.GetValue(EventIdHeaderName) ?? headers.GetValue(WebhookIdHeaderName), false));
        }
    }

    /// <inheritdoc />
    /// <remarks>The body is sent unchanged with the token itself in <c>X-Gitlab-Token</c>.</remarks>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters) =>
        new(body.ToArray(), new WebhookHeaders { { TokenHeaderName, Encoding.UTF8.GetString(SigningSecret(keys)) } }, null);
}

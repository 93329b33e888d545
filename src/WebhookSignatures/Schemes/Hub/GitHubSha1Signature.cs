namespace WebhookSignatures.Schemes.Hub;

/// <summary>
/// GitHub's legacy <c>X-Hub-Signature: sha1=&lt;hex HMAC-SHA1 of the raw body&gt;</c>, for verification only.
/// </summary>
/// <remarks>
/// <para>
/// <b>Warning:</b> use it only for a sender that cannot send <c>X-Hub-Signature-256</c>. HMAC-SHA1 is weaker than
/// HMAC-SHA256, and like every hub signature it covers no timestamp, so pair it with exactly-once handling. GitHub sends
/// both headers: prefer <see cref="GitHubSignature"/>. It is off unless you create or register this scheme
/// yourself; no other scheme falls back to SHA-1.
/// </para>
/// <para>It never signs: <see cref="WebhookScheme.Sign"/> throws <see cref="NotSupportedException"/>.</para>
/// </remarks>
public sealed class GitHubSha1Signature : WebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "github-sha1";

    /// <summary>The header GitHub sends the SHA-1 signature in (Snyk sends its SHA-256 signature under the same name).</summary>
    public const string SignatureHeaderName = "X-Hub-Signature";

    private const string Prefix = "sha1=";

    private static readonly string[] Headers = [SignatureHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">The clock; the tolerance is unused, as the signature covers no timestamp.</param>
    public GitHubSha1Signature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings.</summary>
    public static GitHubSha1Signature Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <inheritdoc />
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[Cryptography.HmacSha1.Length];
        if (context.TryGetHeader(SignatureHeaderName, out var header) && HubSignatureHeader.TryParse(ref context, header, Prefix, received)
            && context.MatchHmacSha1(default, context.Body, received) && context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(context.Headers.GetValue(GitHubSignature.EventHeaderName), false, context.Headers.GetValue(GitHubSignature.DeliveryIdHeaderName), false));
        }
    }

    /// <summary>Always throws: this scheme only verifies legacy deliveries.</summary>
    /// <param name="body">Unused.</param>
    /// <param name="keys">Unused.</param>
    /// <param name="parameters">Unused.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters) =>
        throw new NotSupportedException(
            $"The '{SchemeName}' scheme only verifies legacy X-Hub-Signature (sha1=) deliveries; sign with GitHubSignature (X-Hub-Signature-256, sha256=) instead.");
}

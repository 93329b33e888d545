using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Hub;

/// <summary>
/// Hub signatures: <c>sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>, sent by Snyk as <c>X-Hub-Signature</c>
/// and by GitHub as <c>X-Hub-Signature-256</c>.
/// </summary>
/// <remarks>
/// The signature covers no timestamp, so a captured delivery stays valid forever: pair it with replay
/// protection (the ASP.NET Core package's replay cache) and rotate secrets that may have leaked.
/// </remarks>
public sealed class HubSignature : WebhookScheme
{
    /// <summary>Snyk's header.</summary>
    public const string SnykHeaderName = "X-Hub-Signature";

    /// <summary>GitHub's header.</summary>
    public const string GitHubHeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    private readonly string[] _headers;
    private readonly string? _eventHeaderName;
    private readonly string? _deliveryIdHeaderName;

    /// <summary>Creates a hub scheme that reads and writes <paramref name="headerName"/>.</summary>
    /// <param name="name">The scheme's name, such as <c>snyk</c>.</param>
    /// <param name="headerName">The signature header.</param>
    /// <param name="eventHeaderName">The header naming the event, if the sender sends one.</param>
    /// <param name="deliveryIdHeaderName">The header carrying the delivery id, if the sender sends one.</param>
    public HubSignature(string name, string headerName, string? eventHeaderName = null, string? deliveryIdHeaderName = null)
        : base(name, null)
    {
        ArgumentException.ThrowIfNullOrEmpty(headerName);
        HeaderName = headerName;
        _headers = [headerName];
        _eventHeaderName = eventHeaderName;
        _deliveryIdHeaderName = deliveryIdHeaderName;
    }

    /// <summary>Snyk: <c>X-Hub-Signature: sha256=…</c>, scheme name <c>snyk</c>; event in <c>X-Snyk-Event</c>.</summary>
    public static HubSignature Snyk { get; } = new("snyk", SnykHeaderName, "X-Snyk-Event", "X-Snyk-Transport-ID");

    /// <summary>GitHub: <c>X-Hub-Signature-256: sha256=…</c>, scheme name <c>github</c>; event in <c>X-GitHub-Event</c>.</summary>
    public static HubSignature GitHub { get; } = new("github", GitHubHeaderName, "X-GitHub-Event", "X-GitHub-Delivery");

    /// <summary>The signature header this instance reads and writes.</summary>
    public string HeaderName { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => _headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <inheritdoc />
    public override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(headers.GetValue(HeaderName), body, keys);
    }

    /// <summary>Verifies a delivery from its signature header value and raw body.</summary>
    /// <param name="signatureHeader">The header value, <c>sha256=&lt;64 hex&gt;</c>; empty means missing.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    public WebhookVerificationResult Verify(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys)
    {
        if (BeginVerification(keys, ref signatureHeader) is { } failure)
        {
            return failure;
        }

        var equals = signatureHeader.IndexOf('=');
        if (equals <= 0)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature);
        }

        if (!signatureHeader.StartsWith(Prefix, StringComparison.Ordinal))
        {
            // A well-formed label for another algorithm (sha1=, sha512=) is unsupported; anything else is malformed.
            return IsAlgorithmLabel(signatureHeader[..equals])
                ? WebhookVerificationResult.Failure(WebhookFailureReason.UnsupportedAlgorithm)
                : WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature);
        }

        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!Hex.TryDecode(signatureHeader[Prefix.Length..], received))
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature);
        }

        return VerifyHmacSha256(keys, default, body, received);
    }

    /// <inheritdoc />
    /// <remarks>Snyk's <c>X-Snyk-Event</c> (<c>project_snapshot/v0</c>) is reported whole, version included.</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new(
            _eventHeaderName is null ? null : headers.GetValue(_eventHeaderName),
            _deliveryIdHeaderName is null ? null : headers.GetValue(_deliveryIdHeaderName));
    }

    /// <inheritdoc />
    /// <remarks>The body is sent unchanged; no timestamp or id is signed.</remarks>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        var headers = new WebhookHeaders { { HeaderName, CreateHeader(body, keys.GetKey(0)) } };
        return new SignedWebhook(body.ToArray(), headers, null);
    }

    /// <summary>Computes the header value <c>sha256=&lt;hex&gt;</c> for a body.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    public static string CreateHeader(ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, default, body, mac);
        return Prefix + Hex.ToLower(mac);
    }

    private static bool IsAlgorithmLabel(ReadOnlySpan<char> label)
    {
        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(label[0]);
    }
}

namespace WebhookSignatures;

/// <summary>
/// A scheme whose signature travels in one header, as most senders' does: it names the header, and verifying a
/// delivery is reading that header, the checks every scheme shares, then <see cref="VerifyCore"/>. Derive from it for
/// such a sender; derive from <see cref="WebhookScheme"/> when the signature spans several headers.
/// </summary>
public abstract class SingleHeaderWebhookScheme : WebhookScheme
{
    private readonly string[] _headerNames;

    /// <summary>Initialises a scheme.</summary>
    /// <param name="name">The scheme's short name, such as <c>stripe</c>.</param>
    /// <param name="signatureHeaderName">The header that carries the signature.</param>
    /// <param name="options">Tolerance and clock; defaults when <see langword="null"/>.</param>
    protected SingleHeaderWebhookScheme(string name, string signatureHeaderName, WebhookSchemeOptions? options)
        : base(name, options)
    {
        ArgumentException.ThrowIfNullOrEmpty(signatureHeaderName);
        _headerNames = [signatureHeaderName];
    }

    /// <inheritdoc />
    /// <remarks>The one signature header.</remarks>
    public sealed override IReadOnlyList<string> HeaderNames => _headerNames;

    /// <inheritdoc />
    public sealed override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(headers.GetValue(_headerNames[0]), body, keys);
    }

    /// <summary>Verifies a delivery from its signature header's value and raw body.</summary>
    /// <param name="signatureHeader">The header value; empty means missing.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    public WebhookVerificationResult Verify(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys)
    {
        if (BeginVerification(keys, ref signatureHeader) is { } failure)
        {
            return failure;
        }

        return VerifyCore(signatureHeader, body, keys);
    }

    /// <summary>
    /// What only the scheme knows: parses the header (<see cref="WebhookFailureReason.MalformedSignature"/>,
    /// <see cref="WebhookFailureReason.UnsupportedAlgorithm"/>) and writes what the sender signs before the body, then
    /// returns <see cref="WebhookScheme.VerifyHmacSha256(KeyRing, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, through <see cref="WebhookScheme.CheckTimestamp"/> when the
    /// MAC covers a timestamp.
    /// </summary>
    /// <param name="signatureHeader">The header value, trimmed and never empty.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first; never empty.</param>
    protected abstract WebhookVerificationResult VerifyCore(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys);

    /// <summary>A delivery ready to send: the exact body bytes and the signature header over them.</summary>
    /// <param name="body">The exact bytes to send.</param>
    /// <param name="signatureHeader">The signature header's value.</param>
    /// <param name="timestampUnixMs">The signed timestamp in Unix milliseconds, if the scheme signs one.</param>
    protected SignedWebhook CreateSignedWebhook(ReadOnlyMemory<byte> body, string signatureHeader, long? timestampUnixMs) =>
        new(body, new WebhookHeaders { { _headerNames[0], signatureHeader } }, timestampUnixMs);
}

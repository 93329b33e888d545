using System.Security.Cryptography;

namespace WebhookSignatures.Schemes.Hub;

/// <summary>
/// GitHub's legacy <c>X-Hub-Signature: sha1=&lt;hex HMAC-SHA1 of the raw body&gt;</c>, for verification only.
/// </summary>
/// <remarks>
/// <para>
/// <b>Warning:</b> use it only for a sender that cannot send <c>X-Hub-Signature-256</c>. HMAC-SHA1 is weaker than
/// HMAC-SHA256, and like every hub signature it covers no timestamp, so pair it with replay protection. GitHub sends
/// both headers: prefer <see cref="GitHubSignature"/>. It is off unless you create or register this scheme
/// yourself; no other scheme falls back to SHA-1.
/// </para>
/// <para>It never signs: <see cref="Sign"/> throws <see cref="NotSupportedException"/>.</para>
/// </remarks>
public sealed class GitHubSha1Signature : SingleHeaderWebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "github-sha1";

    /// <summary>The header GitHub sends the SHA-1 signature in (Snyk sends its SHA-256 signature under the same name).</summary>
    public const string SignatureHeaderName = "X-Hub-Signature";

    private const int Sha1Length = 20;
    private const string Prefix = "sha1=";

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">The clock; the tolerance is unused, as the signature covers no timestamp.</param>
    public GitHubSha1Signature(WebhookSchemeOptions? options = null)
        : base(SchemeName, SignatureHeaderName, options)
    {
    }

    /// <summary>The scheme with default settings: the system clock.</summary>
    public static GitHubSha1Signature Default { get; } = new();

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <inheritdoc />
    protected override WebhookVerificationResult VerifyCore(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys)
    {
        Span<byte> received = stackalloc byte[Sha1Length];
        var parsed = HubSignatureHeader.Parse(signatureHeader, Prefix, received);
        if (parsed != WebhookFailureReason.None)
        {
            return WebhookVerificationResult.Failure(parsed);
        }

        Span<byte> expected = stackalloc byte[Sha1Length];
        for (var k = 0; k < keys.Count; k++)
        {
            if (keys.GetKind(k) != WebhookKeyKind.Secret)
            {
                continue;
            }

            // SHA-1 is what this legacy header carries; verification exists only for senders that send nothing better.
#pragma warning disable CA5350
            HMACSHA1.HashData(keys.GetKey(k), body, expected);
#pragma warning restore CA5350
            if (CryptographicOperations.FixedTimeEquals(expected, received))
            {
                return WebhookVerificationResult.Success(k, new WebhookDigest(expected));
            }
        }

        return WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch);
    }

    /// <inheritdoc />
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body) =>
        GitHubSignature.Default.DescribeDelivery(headers, body);

    /// <summary>Always throws: SHA-1 hub signatures are accepted for verification only, never produced.</summary>
    /// <param name="body">Unused.</param>
    /// <param name="keys">Unused.</param>
    /// <param name="timestamp">Unused.</param>
    /// <param name="messageId">Unused.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null) =>
        throw new NotSupportedException(
            $"The '{SchemeName}' scheme only verifies legacy X-Hub-Signature (sha1=) deliveries; sign with GitHubSignature (X-Hub-Signature-256, sha256=) instead.");
}

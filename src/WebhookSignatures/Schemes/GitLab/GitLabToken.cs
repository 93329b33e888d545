using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.GitLab;

/// <summary>
/// GitLab's webhook secret token: <c>X-Gitlab-Token: &lt;the secret token itself&gt;</c>. There is no MAC: the received
/// token is compared with each configured one in constant time (their SHA-256 digests, so lengths never show).
/// </summary>
/// <remarks>
/// <para><b>What this does not protect.</b> The token proves the sender knows it, nothing more: it does not cover the
/// body, so anyone who sees one delivery (a log, a proxy, a misdirected request) can send any body with it, and it
/// covers no timestamp, so nothing limits replays. Serve the endpoint over HTTPS only, keep the token out of logs,
/// enable replay protection and rotate the token if it may have leaked.</para>
/// <para>GitLab 19 and later can sign webhooks with Standard Webhooks headers (<c>webhook-id</c>,
/// <c>webhook-timestamp</c>, <c>webhook-signature</c>); where it does, register the <c>standard-webhooks</c> scheme
/// instead, which covers the body and a timestamp.</para>
/// <para>The event is <c>X-Gitlab-Event</c> (<c>Push Hook</c>), the delivery id <c>X-Gitlab-Event-UUID</c> (or
/// <c>X-Gitlab-Webhook-UUID</c>); neither is signed. A delivery is recognised by its body's hash.</para>
/// </remarks>
public sealed class GitLabToken : SingleHeaderWebhookScheme
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

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">The clock; the tolerance is unused, as nothing is signed.</param>
    public GitLabToken(WebhookSchemeOptions? options = null)
        : base(SchemeName, TokenHeaderName, options)
    {
    }

    /// <summary>The scheme with default settings: the system clock.</summary>
    public static GitLabToken Default { get; } = new();

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <inheritdoc />
    /// <remarks>
    /// A match reports, as its digest, the HMAC-SHA256 of the body under the matched token: the same kind of value the
    /// signing schemes report, never the token or a plain hash of it.
    /// </remarks>
    protected override WebhookVerificationResult VerifyCore(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys)
    {
        Span<byte> received = stackalloc byte[SHA256.HashSizeInBytes];
        HashToken(signatureHeader, received);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        var matched = -1;
        for (var k = 0; k < keys.Count; k++)
        {
            // Public and private Ed25519 keys are never tokens.
            if (keys.GetKind(k) != WebhookKeyKind.Secret)
            {
                continue;
            }

            SHA256.HashData(keys.GetKey(k), expected);
            // Every key is compared, so the time taken does not say which one matched.
            if (CryptographicOperations.FixedTimeEquals(expected, received) && matched < 0)
            {
                matched = k;
            }
        }

        CryptographicOperations.ZeroMemory(expected);
        if (matched < 0)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch);
        }

        Span<byte> digest = stackalloc byte[HmacSha256.Length];
        keys.TryComputeHmacSha256(matched, default, body, digest);
        return WebhookVerificationResult.Success(matched, new WebhookDigest(digest));
    }

    /// <inheritdoc />
    /// <remarks>The event from <c>X-Gitlab-Event</c>, the id from <c>X-Gitlab-Event-UUID</c> or <c>X-Gitlab-Webhook-UUID</c>, all unsigned.</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new(headers.GetValue(EventHeaderName), headers.GetValue(EventIdHeaderName) ?? headers.GetValue(WebhookIdHeaderName));
    }

    /// <summary>Sends the ring's current token in <c>X-Gitlab-Token</c>, as GitLab does; the body is sent unchanged.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The tokens; the first one is sent.</param>
    /// <param name="timestamp">Ignored: nothing is signed.</param>
    /// <param name="messageId">Ignored: nothing is signed.</param>
    /// <exception cref="ArgumentException">The ring is empty.</exception>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        return CreateSignedWebhook(body.ToArray(), Encoding.UTF8.GetString(keys.GetKey(0)), null);
    }

    private static void HashToken(ReadOnlySpan<char> token, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetByteCount(token);
        byte[]? rented = null;
        var bytes = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(token, bytes);
            SHA256.HashData(bytes[..written], destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

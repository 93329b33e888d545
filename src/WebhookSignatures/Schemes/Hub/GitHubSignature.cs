namespace WebhookSignatures.Schemes.Hub;

/// <summary>
/// GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>; the event in
/// <c>X-GitHub-Event</c>, the delivery id in <c>X-GitHub-Delivery</c>.
/// </summary>
/// <remarks>GitHub also sends a legacy SHA-1 signature in <c>X-Hub-Signature</c>; this scheme never reads it (see <see cref="GitHubSha1Signature"/>).</remarks>
public sealed class GitHubSignature : HubSignature
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "github";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "X-Hub-Signature-256";

    /// <summary>The header naming the event, such as <c>push</c>; not signed.</summary>
    public const string EventHeaderName = "X-GitHub-Event";

    /// <summary>The header carrying GitHub's id for the delivery, a GUID; not signed.</summary>
    public const string DeliveryIdHeaderName = "X-GitHub-Delivery";

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">The clock; the tolerance is unused, as the signature covers no timestamp.</param>
    public GitHubSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, SignatureHeaderName, EventHeaderName, DeliveryIdHeaderName, options)
    {
    }

    /// <summary>The scheme with default settings: the system clock.</summary>
    public static GitHubSignature Default { get; } = new();
}

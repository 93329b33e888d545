namespace WebhookSignatures.Schemes.Hub;

/// <summary>
/// Snyk: <c>X-Hub-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>; the event in <c>X-Snyk-Event</c>,
/// the delivery id in <c>X-Snyk-Transport-ID</c>.
/// </summary>
public sealed class SnykSignature : HubSignature
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "snyk";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "X-Hub-Signature";

    /// <summary>The header naming the event, <c>name/version</c>; not signed.</summary>
    public const string EventHeaderName = "X-Snyk-Event";

    /// <summary>The header carrying Snyk's id for the delivery; not signed.</summary>
    public const string DeliveryIdHeaderName = "X-Snyk-Transport-ID";

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">The clock; the tolerance is unused, as the signature covers no timestamp.</param>
    public SnykSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, SignatureHeaderName, EventHeaderName, DeliveryIdHeaderName, options)
    {
    }

    /// <summary>The scheme with default settings: the system clock.</summary>
    public static SnykSignature Default { get; } = new();
}

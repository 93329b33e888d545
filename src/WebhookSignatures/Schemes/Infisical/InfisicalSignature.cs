using System.Globalization;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Infisical;

/// <summary>
/// Infisical project webhooks: <c>x-infisical-signature: t=&lt;unix ms&gt;;&lt;hex HMAC-SHA256 of the body&gt;</c>,
/// where the body is a JSON object whose last top-level member is <c>"timestamp": &lt;the same ms&gt;</c>.
/// </summary>
/// <remarks>
/// <para>The MAC covers only the body, so the header's <c>t</c> is trusted only when it equals the body's signed
/// <c>timestamp</c> (otherwise <see cref="WebhookFailureReason.TimestampNotSigned"/>); the replay window is then
/// applied to that signed value.</para>
/// <para>The body must open as a JSON object, as Infisical's do: its first byte after JSON whitespace (space, tab,
/// CR, LF) is <c>{</c>; any other body, one with a byte order mark included, is
/// <see cref="WebhookFailureReason.TimestampNotSigned"/>. That rule also keeps this scheme apart from
/// <see cref="InfisicalAlertsSignature"/>, which sends the same header name: an alert's MAC covers
/// <c>&lt;ms&gt;.&lt;body&gt;</c>, bytes that begin with an ASCII digit, so under one shared secret no alert
/// signature verifies here and no signature made here verifies as an alert.</para>
/// </remarks>
public sealed class InfisicalSignature : WebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "infisical";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "x-infisical-signature";

    private static readonly string[] Headers = [SignatureHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public InfisicalSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static InfisicalSignature Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    /// <remarks>
    /// The identity is the body, what the MAC covers (its signed <c>timestamp</c> makes each delivery's body its own).
    /// The event is the body's top-level <c>event</c> string; Slack and Teams bodies have none. Infisical sends no delivery id.
    /// </remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!context.TryGetHeader(SignatureHeaderName, out var header))
        {
            return;
        }

        if (!TryParseHeader(header, out var headerTimestamp, received))
        {
            context.Fail(WebhookFailureReason.MalformedSignature);
            return;
        }

        if (!context.MatchHmacSha256(default, received))
        {
            return;
        }

        // The MAC covers only the body: the header's t counts only as the body's own signed timestamp.
        if (!InfisicalBodyTimestamp.TryRead(context.Body, out var signedTimestamp) || signedTimestamp != headerTimestamp)
        {
            context.Fail(WebhookFailureReason.TimestampNotSigned);
            return;
        }

        context.CheckTimestamp(signedTimestamp);
        if (context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(TopLevelJsonString.TryRead(context.Body, "event"u8), true, null, false));
        }
    }

    /// <summary>
    /// Signs a JSON object the way Infisical does: appends <c>"timestamp": &lt;ms&gt;</c> as its last top-level member
    /// (every other byte unchanged) and computes the header over the result.
    /// </summary>
    /// <param name="body">A JSON object without a top-level <c>timestamp</c>.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="parameters">The time to sign; Infisical signs no delivery id.</param>
    /// <exception cref="ArgumentException">The body is not a JSON object, already has a top-level timestamp, or the ring is empty.</exception>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        var unixMs = parameters.Timestamp!.Value.ToUnixTimeMilliseconds();
        if (unixMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), "Infisical timestamps are milliseconds after 1970-01-01.");
        }

        var signedBody = InfisicalBodyTimestamp.Append(body, unixMs);
        return new SignedWebhook(signedBody, new WebhookHeaders { { SignatureHeaderName, CreateSignatureHeader(unixMs, signedBody, SigningSecret(keys)) } }, unixMs);
    }

    /// <summary>
    /// Computes the header value <c>t=&lt;ms&gt;;&lt;hex&gt;</c> for a body that already carries
    /// <c>"timestamp": &lt;ms&gt;</c> as its last member.
    /// </summary>
    /// <param name="timestampUnixMs">The timestamp in the body, in Unix milliseconds.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    public static string CreateSignatureHeader(long timestampUnixMs, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampUnixMs);
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, default, body, mac);
        return string.Create(CultureInfo.InvariantCulture, $"t={timestampUnixMs};{Hex.ToLower(mac)}");
    }

    /// <summary>Parses <c>t=&lt;ms&gt;;&lt;hex&gt;</c> (already trimmed) into the header's timestamp and the MAC.</summary>
    internal static bool TryParseHeader(ReadOnlySpan<char> header, out long timestamp, Span<byte> mac)
    {
        timestamp = 0;
        if (!header.StartsWith("t=", StringComparison.Ordinal))
        {
            return false;
        }

        var separator = header.IndexOf(';');
        return separator > 2
            && UnixTimestamp.TryParse(header[2..separator], WebhookTimestampUnit.Milliseconds, out timestamp)
            && Hex.TryDecode(header[(separator + 1)..], mac);
    }
}

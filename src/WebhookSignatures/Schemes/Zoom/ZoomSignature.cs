using System.Text.Json;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Schemes.Slack;

namespace WebhookSignatures.Schemes.Zoom;

/// <summary>
/// Zoom: <c>x-zm-signature: v0=&lt;hex&gt;</c>, the hex HMAC-SHA256 of <c>v0:&lt;timestamp&gt;:&lt;body&gt;</c> keyed
/// with the app's secret token, and <c>x-zm-request-timestamp</c> in Unix seconds. The event is the body's <c>event</c>
/// (<c>meeting.started</c>); Zoom signs no delivery id, so a delivery is identified by what the MAC covers.
/// </summary>
/// <remarks>
/// A verified <c>endpoint.url_validation</c> is answered as Zoom requires: <c>{"plainToken": …, "encryptedToken": …}</c>,
/// the second the hex HMAC-SHA256 of the plain token under the secret that verified the request.
/// </remarks>
public sealed class ZoomSignature : SlackStyleSignature
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "zoom";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "x-zm-signature";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeaderName = "x-zm-request-timestamp";

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public ZoomSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, SignatureHeaderName, TimestampHeaderName, "event", idPropertyName: null, options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static ZoomSignature Default { get; } = new();

    /// <inheritdoc />
    private protected override WebhookHandshakeResponse? AnswerHandshake(ReadOnlySpan<byte> body, KeyRing keys, int matchedKeyIndex)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!TopLevelJsonString.IsString(body, "event"u8, "endpoint.url_validation"u8)
            || TopLevelJsonString.TryRead(body, "payload"u8, "plainToken"u8) is not { } plainToken)
        {
            return null;
        }

        return WebhookHandshakeResponse.Json(CreateValidationResponse(plainToken, keys.GetKey(matchedKeyIndex)));
    }

    /// <summary>
    /// The JSON Zoom expects back for <c>endpoint.url_validation</c>: the plain token and its hex HMAC-SHA256 under
    /// <paramref name="key"/> as <c>encryptedToken</c>.
    /// </summary>
    /// <param name="plainToken">The body's <c>payload.plainToken</c>.</param>
    /// <param name="key">The secret token's bytes.</param>
    public static byte[] CreateValidationResponse(string plainToken, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(plainToken);
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, default, System.Text.Encoding.UTF8.GetBytes(plainToken), mac);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("plainToken", plainToken);
            writer.WriteString("encryptedToken", Hex.ToLower(mac));
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}

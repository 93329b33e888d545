using System.Text;

namespace WebhookSignatures;

/// <summary>
/// The answer a sender expects to a handshake (Slack's <c>url_verification</c>, Zoom's <c>endpoint.url_validation</c>,
/// Twitch's <c>webhook_callback_verification</c>): a status, a content type and the exact body bytes. A scheme returns it
/// with a verified delivery (<see cref="WebhookVerificationResult.Handshake"/>); the ASP.NET Core package writes it instead
/// of running the handler.
/// </summary>
public sealed class WebhookHandshakeResponse
{
    /// <summary>The content type of <see cref="PlainText"/> answers.</summary>
    public const string PlainTextContentType = "text/plain; charset=utf-8";

    /// <summary>The content type of <see cref="Json"/> answers.</summary>
    public const string JsonContentType = "application/json";

    /// <summary>Creates an answer.</summary>
    /// <param name="statusCode">The HTTP status, 200 to 299.</param>
    /// <param name="contentType">The body's content type.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The status is not a success status.</exception>
    public WebhookHandshakeResponse(int statusCode, string contentType, ReadOnlyMemory<byte> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 299);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The content type of <see cref="Body"/>.</summary>
    public string ContentType { get; }

    /// <summary>The exact bytes to send.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>A 200 answer whose body is <paramref name="text"/> in UTF-8, as <c>text/plain</c>.</summary>
    /// <param name="text">The text, such as a challenge to echo.</param>
    public static WebhookHandshakeResponse PlainText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(200, PlainTextContentType, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A 200 answer whose body is the given UTF-8 JSON, as <c>application/json</c>.</summary>
    /// <param name="utf8Json">The JSON bytes, sent as they are.</param>
    public static WebhookHandshakeResponse Json(ReadOnlyMemory<byte> utf8Json) => new(200, JsonContentType, utf8Json);
}

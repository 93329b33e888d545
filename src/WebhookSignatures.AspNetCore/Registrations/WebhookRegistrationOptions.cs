namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The settings of one webhook registration: a named options instance, bindable from configuration
/// (for example the section <c>Webhooks:Infisical</c> with keys <c>Secrets:0</c>, <c>Tolerance</c>,
/// <c>MaxBodySize</c>, <c>ExactlyOnce:Enabled</c>). Read per request, so a configuration reload
/// rotates secrets without a restart.
/// </summary>
public sealed class WebhookRegistrationOptions
{
    /// <summary>The default <see cref="MaxBodySize"/>: 4 MiB.</summary>
    public const long DefaultMaxBodySize = 4 * 1024 * 1024;

    /// <summary>The largest <see cref="MaxBodySize"/> accepted: 1 GiB.</summary>
    internal const long MaxBodySizeLimit = 1024 * 1024 * 1024;

    /// <summary>The largest <see cref="Tolerance"/> accepted: one day.</summary>
    internal static readonly TimeSpan MaxTolerance = TimeSpan.FromDays(1);

    /// <summary>The default <see cref="BodyReadTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultBodyReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The largest <see cref="BodyReadTimeout"/> accepted: one hour.</summary>
    internal static readonly TimeSpan MaxBodyReadTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// The accepted secrets, current first, older ones after (during a rotation). At least one is required,
    /// each at least 16 bytes.
    /// </summary>
    public IList<string> Secrets { get; } = new List<string>();

    /// <summary>
    /// How far a signed timestamp may lie from the clock, either way, above zero and at most one day.
    /// <see langword="null"/> (the default) is the window the scheme's sender asks for: five minutes for most, ten for
    /// Twitch, one for Linear.
    /// </summary>
    public TimeSpan? Tolerance { get; set; }

    /// <summary>The largest body accepted, in bytes; larger ones get <see cref="BodyTooLargeStatusCode"/>. Default 4 MiB.</summary>
    public long MaxBodySize { get; set; } = DefaultMaxBodySize;

    /// <summary>
    /// How long the whole body may take to arrive, counted from the start of verification. A sender that is slower
    /// (or declares a <c>Content-Length</c> it never sends) gets 408 and no handler runs. Default 30 seconds, at most one hour.
    /// The server's own limits (Kestrel's <c>MinRequestBodyDataRate</c>) still apply and may answer first.
    /// </summary>
    public TimeSpan BodyReadTimeout { get; set; } = DefaultBodyReadTimeout;

    /// <summary>
    /// Whether a verified handshake (Slack's <c>url_verification</c>, Zoom's <c>endpoint.url_validation</c>, Twitch's
    /// <c>webhook_callback_verification</c>, whatever <see cref="WebhookVerificationResult.Handshake"/> answers) is answered
    /// here, without running the handler and without exactly-once handling. Default <see langword="true"/>; turn it off
    /// to receive handshakes in the handler like any verified delivery. An unverified request is never answered.
    /// </summary>
    public bool AnswerHandshakes { get; set; } = true;

    /// <summary>
    /// For the schemes that sign the request URL (Twilio, HubSpot, Square): the public base URL the sender calls, such as
    /// <c>https://hooks.example.com/webhooks</c>, used instead of the scheme, host and path base the request shows; the
    /// request's path and query follow it. Set it behind a proxy that changes the host, scheme or path prefix and cannot be
    /// trusted through <c>UseForwardedHeaders</c>. Unset (the default), the URL is the request's own, as
    /// <c>UseForwardedHeaders</c> left it. An absolute <c>http</c> or <c>https</c> URL without query or fragment.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Exactly-once handling: reservation lease, duplicate answers, time to live.</summary>
    public WebhookExactlyOnceOptions ExactlyOnce { get; } = new();

    /// <summary>The status for every signature failure (forged, tampered or stale). Default 401.</summary>
    public int UnauthorizedStatusCode { get; set; } = 401;

    /// <summary>The status for a body larger than <see cref="MaxBodySize"/>. Default 413.</summary>
    public int BodyTooLargeStatusCode { get; set; } = 413;

    /// <summary>
    /// Called for every delivery the pipeline answers itself instead of running the handler (a refusal, an acknowledged
    /// duplicate, an answered handshake: <see cref="WebhookOutcome"/> says which), after the status is set: to log, count
    /// or inspect it, or to write an answer of your own (start the response, and the pipeline's answer is not written;
    /// a handshake's sender then gets yours). Like ASP.NET Core rate limiting's <c>OnRejected</c>. The outcome is also on
    /// <c>HttpContext.GetWebhookOutcome()</c>.
    /// </summary>
    public Func<WebhookOutcomeContext, CancellationToken, ValueTask>? OnOutcome { get; set; }

    /// <summary>The status when the delivery store cannot be reached (and fail-open is off). Default 503.</summary>
    public int StoreUnavailableStatusCode { get; set; } = 503;
}

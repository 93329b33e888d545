using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The one verification path behind the middleware, the endpoint convention and the MVC attribute: reads the
/// body once within the limit, verifies it with the registration's scheme, checks replay, then either
/// exposes the verified body to the handler or writes the refusal.
/// </summary>
internal sealed class WebhookRequestVerifier(
    WebhookRegistrationCatalog registrations,
    IWebhookReplayCache replayCache,
    WebhookSignatureMetrics metrics,
    ILogger<WebhookRequestVerifier> logger,
    TimeProvider time)
{
    // One body per status, whatever the reason: the response must not tell a sender which check failed.
    private const string UnauthorizedTitle = "The webhook signature could not be verified.";
    private const string TooLargeTitle = "The webhook body is too large.";
    private const string UnavailableTitle = "The webhook cannot be accepted right now.";
    private const string TimedOutTitle = "The webhook body did not arrive in time.";
    private const string IncompleteTitle = "The webhook body could not be read.";

    /// <summary>Where body buffers come from; a seam for tests that count rents and returns.</summary>
    internal ArrayPool<byte> BodyPool { get; set; } = ArrayPool<byte>.Shared;

    public static WebhookRequestVerifier Get(HttpContext context) =>
        context.RequestServices.GetService<WebhookRequestVerifier>()
        ?? throw new InvalidOperationException("Webhook signature verification needs services.AddWebhookSignatures() at start-up.");

    /// <summary>
    /// Verifies the request for <paramref name="registrationName"/>. Returns <see langword="true"/> when the handler
    /// may run; otherwise the response has been written.
    /// </summary>
    public async Task<bool> VerifyAsync(HttpContext context, string registrationName)
    {
        // Several adapters on one endpoint (middleware and attribute) verify once.
        if (context.Features.Get<IWebhookVerificationFeature>() is { } done && done.RegistrationName == registrationName)
        {
            return true;
        }

        ActiveWebhookRegistration registration;
        try
        {
            registration = registrations.Acquire(registrationName);
        }
        catch (OptionsValidationException e)
        {
            WebhookSignatureLog.InvalidOptions(logger, registrationName, e.Message);
            metrics.Record(registrationName, "unknown", WebhookOutcome.Rejected, WebhookFailureReason.NoSecrets, TimeSpan.Zero);
            await WriteRefusalAsync(context, StatusCodes.Status401Unauthorized, UnauthorizedTitle).ConfigureAwait(false);
            return false;
        }

        try
        {
            return await VerifyAsync(context, registration).ConfigureAwait(false);
        }
        finally
        {
            registration.Release();
        }
    }

    private async Task<bool> VerifyAsync(HttpContext context, ActiveWebhookRegistration registration)
    {
        var started = time.GetTimestamp();
        var options = registration.Options;
        var scheme = registration.Scheme;

        if (context.Request.ContentLength > options.MaxBodySize)
        {
            return await RefuseTooLargeAsync(context, registration, started).ConfigureAwait(false);
        }

        RaiseServerLimit(context, options.MaxBodySize);
        WebhookBodyBuffer? body;
        try
        {
            // A server with a request pipe of its own (Kestrel) is read through it. Elsewhere (TestServer, for one) the
            // pipe would only be drawn over the body stream, so the stream is read directly, unless something has
            // already opened that pipe and may have left bytes buffered in it.
            var request = context.Request;
            body = context.Features.Get<IRequestBodyPipeFeature>() is null
                ? await WebhookBodyBuffer.ReadAsync(request.Body, request.ContentLength, options.MaxBodySize, BodyPool, options.BodyReadTimeout, time, CancellationToken.None).ConfigureAwait(false)
                : await WebhookBodyBuffer.ReadAsync(request.BodyReader, request.ContentLength, options.MaxBodySize, BodyPool, options.BodyReadTimeout, time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }
        catch (TimeoutException)
        {
            WebhookSignatureLog.BodyReadTimedOut(logger, registration.Name, scheme.Name, options.BodyReadTimeout, RemoteAddress(context));
            metrics.Record(registration.Name, scheme.Name, WebhookOutcome.BodyReadTimedOut, WebhookFailureReason.None, time.GetElapsedTime(started));
            await WriteRefusalAsync(context, StatusCodes.Status408RequestTimeout, TimedOutTitle).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // Broken framing, a server read limit, or a sender that went away: what the sender did is not our failure.
            WebhookSignatureLog.BodyIncomplete(logger, e.GetType().Name, registration.Name, scheme.Name, RemoteAddress(context));
            metrics.Record(registration.Name, scheme.Name, WebhookOutcome.BodyIncomplete, WebhookFailureReason.None, time.GetElapsedTime(started));
            var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            await WriteRefusalAsync(context, status, IncompleteTitle).ConfigureAwait(false);
            return false;
        }

        if (body is null)
        {
            return await RefuseTooLargeAsync(context, registration, started).ConfigureAwait(false);
        }

        var keepBody = false;
        try
        {
            var headers = new HttpRequestWebhookHeaders(context.Request.Headers);
            var result = headers.HasRepeated(scheme.HeaderNames)
                ? WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature)
                : scheme.Verify(headers, body.Memory.Span, registration.Keys);

            if (!result.IsValid)
            {
                WebhookSignatureLog.Rejected(logger, registration.Name, scheme.Name, result.FailureReason, RemoteAddress(context));
                metrics.Record(registration.Name, scheme.Name, WebhookOutcome.Rejected, result.FailureReason, time.GetElapsedTime(started));
                await WriteRefusalAsync(context, options.UnauthorizedStatusCode, UnauthorizedTitle).ConfigureAwait(false);
                return false;
            }

            if (options.ReplayProtection.Enabled && !await CheckReplayAsync(context, registration, result, started).ConfigureAwait(false))
            {
                return false;
            }

            var delivery = scheme.DescribeDelivery(headers, body.Memory.Span);
            context.Features.Set<IWebhookVerificationFeature>(new WebhookVerificationFeature(registration.Name, scheme, body.Memory, result, delivery));
            context.Request.Body = body.CreateStream();
            context.Response.RegisterForDispose(body);
            keepBody = true;

            if (logger.IsEnabled(LogLevel.Debug))
            {
                WebhookSignatureLog.Accepted(logger, registration.Name, scheme.Name, result.MatchedKeyIndex.GetValueOrDefault(), delivery.EventName, delivery.DeliveryId, RemoteAddress(context));
            }

            metrics.Record(registration.Name, scheme.Name, WebhookOutcome.Accepted, WebhookFailureReason.None, time.GetElapsedTime(started));
            return true;
        }
        finally
        {
            if (!keepBody)
            {
                body.Dispose();
            }
        }
    }

    private async Task<bool> CheckReplayAsync(HttpContext context, ActiveWebhookRegistration registration, WebhookVerificationResult result, long started)
    {
        var options = registration.Options;
        var scheme = registration.Scheme;
        bool first;
        try
        {
            var timeToLive = ReplayTimeToLive(registration, result);
            first = replayCache is MemoryWebhookReplayCache memory
                ? memory.TryAdd(ReplayCacheKey.For(registration.Name, result), timeToLive)
                : await replayCache.TryAddAsync(ReplayKey(registration.Name, result), timeToLive, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            if (options.ReplayProtection.AllowWhenCacheUnavailable)
            {
                WebhookSignatureLog.ReplayCacheUnavailableAccepted(logger, e, registration.Name, scheme.Name, RemoteAddress(context));
                return true;
            }

            WebhookSignatureLog.ReplayCacheUnavailable(logger, e, registration.Name, scheme.Name, RemoteAddress(context));
            metrics.Record(registration.Name, scheme.Name, WebhookOutcome.Unavailable, WebhookFailureReason.None, time.GetElapsedTime(started));
            await WriteRefusalAsync(context, options.ReplayCacheUnavailableStatusCode, UnavailableTitle).ConfigureAwait(false);
            return false;
        }

        if (first)
        {
            return true;
        }

        WebhookSignatureLog.Replayed(logger, registration.Name, scheme.Name, RemoteAddress(context));
        metrics.Record(registration.Name, scheme.Name, WebhookOutcome.Replayed, WebhookFailureReason.Replayed, time.GetElapsedTime(started));
        await WriteRefusalAsync(context, options.UnauthorizedStatusCode, UnauthorizedTitle).ConfigureAwait(false);
        return false;
    }

    /// <summary>The signed material that identifies a delivery: the matched MAC and the signed timestamp.</summary>
    internal static string ReplayKey(string registrationName, WebhookVerificationResult result)
    {
        // One allocation per delivery: the digest's hex and the timestamp are written straight into the key.
        Span<byte> digest = stackalloc byte[WebhookDigest.MaxLength];
        var digestLength = result.Digest.CopyTo(digest);
        Span<char> chars = stackalloc char[256];
        var handler = new DefaultInterpolatedStringHandler(2, 0, CultureInfo.InvariantCulture, chars);
        handler.AppendFormatted(registrationName);
        handler.AppendLiteral(":");
        Span<char> hex = stackalloc char[2 * WebhookDigest.MaxLength];
        HexLower(digest[..digestLength], hex);
        handler.AppendFormatted((ReadOnlySpan<char>)hex[..(2 * digestLength)]);
        handler.AppendLiteral(":");
        if (result.TimestampUnixMs is { } timestamp)
        {
            handler.AppendFormatted(timestamp);
        }
        else
        {
            handler.AppendLiteral("-");
        }

        return handler.ToStringAndClear();
    }

    private static void HexLower(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        const string Digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = Digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = Digits[bytes[i] & 0xF];
        }
    }

    private TimeSpan ReplayTimeToLive(ActiveWebhookRegistration registration, WebhookVerificationResult result)
    {
        if (result.Timestamp is not { } signed)
        {
            return registration.Options.ReplayProtection.TimeToLive;
        }

        // After this the signed timestamp is outside the window, so the delivery fails verification anyway.
        var remaining = signed + registration.Scheme.Tolerance - time.GetUtcNow();
        return remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1);
    }

    private async Task<bool> RefuseTooLargeAsync(HttpContext context, ActiveWebhookRegistration registration, long started)
    {
        WebhookSignatureLog.BodyTooLarge(logger, registration.Name, registration.Scheme.Name, registration.Options.MaxBodySize, RemoteAddress(context));
        metrics.Record(registration.Name, registration.Scheme.Name, WebhookOutcome.BodyTooLarge, WebhookFailureReason.BodyTooLarge, time.GetElapsedTime(started));
        await WriteRefusalAsync(context, registration.Options.BodyTooLargeStatusCode, TooLargeTitle).ConfigureAwait(false);
        return false;
    }

    // Formatting the address allocates, so only the log calls that write it ask for it.
    private static string? RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static void RaiseServerLimit(HttpContext context, long maxBodySize)
    {
        // The registration's limit governs this endpoint; a lower server-wide default would cut it short.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
            && limit.MaxRequestBodySize is { } current && current < maxBodySize)
        {
            limit.MaxRequestBodySize = maxBodySize;
        }
    }

    private static async Task WriteRefusalAsync(HttpContext context, int status, string title)
    {
        // Nobody is left to read an answer to an aborted request.
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = status;
        if (context.RequestServices.GetService<IProblemDetailsService>() is { } problems)
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = status, Title = title },
            }).ConfigureAwait(false);
        }
    }
}

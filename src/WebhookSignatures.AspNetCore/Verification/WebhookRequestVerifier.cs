using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The one verification path behind the middleware, the endpoint convention and the MVC attribute: reads the
/// body once within the limit, verifies it with the registration's scheme, reserves the delivery for exactly-once
/// handling, then either exposes the verified body to the handler or writes the refusal.
/// </summary>
internal sealed class WebhookRequestVerifier(
    WebhookRegistrationCatalog registrations,
    IWebhookDeliveryStore store,
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
    private const string InFlightTitle = "The webhook delivery is already being handled; retry later.";
    private const string DuplicateTitle = "The webhook delivery was already handled.";
    private const string MisconfiguredTitle = "The webhook endpoint is misconfigured.";

    /// <summary>Where body buffers come from; a seam for tests that count rents and returns.</summary>
    internal ArrayPool<byte> BodyPool { get; set; } = ArrayPool<byte>.Shared;

    public static WebhookRequestVerifier Get(HttpContext context) =>
        context.RequestServices.GetService<WebhookRequestVerifier>()
        ?? throw new InvalidOperationException("Webhook signature verification needs services.AddWebhookSignatures() at start-up.");

    /// <summary>
    /// Runs <paramref name="next"/> for a request to an endpoint that requires <paramref name="registrationName"/>:
    /// verifies it, reserves the delivery, runs the handler and then completes the delivery (a 2xx answer) or releases
    /// it (anything else, an exception, an aborted request). A refused request gets its answer here and never runs
    /// <paramref name="next"/>.
    /// </summary>
    public Task InvokeAsync(HttpContext context, string registrationName, RequestDelegate next) =>
        IsVerified(context, registrationName) ? next(context) : VerifyThenInvokeAsync(context, registrationName, next);

    /// <summary>Whether an adapter already verified this request for the registration (several adapters on one endpoint verify once).</summary>
    public static bool IsVerified(HttpContext context, string registrationName) =>
        context.Features.Get<IWebhookVerificationFeature>() is { } done && done.RegistrationName == registrationName;

    /// <summary>Whether the handler's answer completes the delivery: a 2xx to a sender still there to read it.</summary>
    public static bool Handled(HttpContext context) =>
        context.Response.StatusCode is >= 200 and < 300 && !context.RequestAborted.IsCancellationRequested;

    private async Task VerifyThenInvokeAsync(HttpContext context, string registrationName, RequestDelegate next)
    {
        var admission = await AdmitAsync(context, registrationName).ConfigureAwait(false);
        if (!admission.Admitted)
        {
            return;
        }

        if (admission.Reservation is not { } reservation)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var handled = false;
        try
        {
            await next(context).ConfigureAwait(false);
            handled = Handled(context);
        }
        finally
        {
            await reservation.SettleAsync(handled, context.Response.StatusCode).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Verifies the request for <paramref name="registrationName"/> and reserves the delivery. When the result is not
    /// admitted the response has been written; when it holds a reservation the caller settles it after the handler.
    /// </summary>
    public async Task<WebhookAdmission> AdmitAsync(HttpContext context, string registrationName)
    {
        ActiveWebhookRegistration registration;
        try
        {
            registration = registrations.Acquire(registrationName);
        }
        catch (OptionsValidationException e)
        {
            WebhookSignatureLog.InvalidOptions(logger, registrationName, e.Message);
            return await RefuseAsync(context, new(registrationName, "unknown", null), WebhookRefusalReason.InvalidOptions, WebhookFailureReason.None, StatusCodes.Status401Unauthorized, UnauthorizedTitle, time.GetTimestamp()).ConfigureAwait(false);
        }

        try
        {
            return await AdmitAsync(context, registration).ConfigureAwait(false);
        }
        finally
        {
            registration.Release();
        }
    }

    /// <summary>Refuses a request to an endpoint whose requirements cannot all be met (a configuration error): 500, handler not run.</summary>
    public async Task RefuseMisconfiguredAsync(HttpContext context, string problem)
    {
        WebhookSignatureLog.ConfigurationError(logger, context.GetEndpoint()?.DisplayName, problem);
        await RefuseAsync(context, new("unknown", "unknown", null), WebhookRefusalReason.Misconfigured, WebhookFailureReason.None, StatusCodes.Status500InternalServerError, MisconfiguredTitle, time.GetTimestamp()).ConfigureAwait(false);
    }

    private async Task<WebhookAdmission> AdmitAsync(HttpContext context, ActiveWebhookRegistration registration)
    {
        var started = time.GetTimestamp();
        var options = registration.Options;
        var scheme = registration.Scheme;
        var who = new Refuser(registration.Name, scheme.Name, options.OnRefused);

        if (context.Request.ContentLength > options.MaxBodySize)
        {
            return await RefuseTooLargeAsync(context, registration, who, started).ConfigureAwait(false);
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
            return await RefuseAsync(context, who, WebhookRefusalReason.BodyReadTimedOut, WebhookFailureReason.None, StatusCodes.Status408RequestTimeout, TimedOutTitle, started).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // Broken framing, a server read limit, or a sender that went away: what the sender did is not our failure.
            WebhookSignatureLog.BodyIncomplete(logger, e.GetType().Name, registration.Name, scheme.Name, RemoteAddress(context));
            var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            return await RefuseAsync(context, who, WebhookRefusalReason.BodyIncomplete, WebhookFailureReason.None, status, IncompleteTitle, started).ConfigureAwait(false);
        }

        if (body is null)
        {
            return await RefuseTooLargeAsync(context, registration, who, started).ConfigureAwait(false);
        }

        var keepBody = false;
        try
        {
            var headers = new HttpRequestWebhookHeaders(context.Request.Headers);
            var target = scheme.SignsRequestTarget ? HttpRequestWebhookTarget.From(context.Request, options.PublicBaseUrl) : WebhookRequestTarget.None;
            var parts = WebhookReadParts.Description
                | (options.AnswerHandshakes ? WebhookReadParts.Handshake : WebhookReadParts.None)
                | (options.ExactlyOnce.Enabled ? WebhookReadParts.Identity : WebhookReadParts.None);
            var repeated = headers.HasRepeated(scheme.HeaderNames);
            var result = repeated ? default : scheme.Verify(new WebhookDelivery(headers, body.Memory.Span, target), registration.Keys, parts);
            if (!result.IsValid)
            {
                var reason = repeated ? WebhookFailureReason.MalformedSignature : result.FailureReason;
                WebhookSignatureLog.Rejected(logger, registration.Name, scheme.Name, reason, RemoteAddress(context));
                return await RefuseAsync(context, who, WebhookRefusalReason.Unverified, reason, options.UnauthorizedStatusCode, UnauthorizedTitle, started).ConfigureAwait(false);
            }

            // A handshake proves the endpoint to its sender and changes nothing, so it is neither reserved nor remembered:
            // the sender expects the same answer every time it asks (Zoom asks again every few days).
            if (result.Handshake is { } handshake)
            {
                await AnswerHandshakeAsync(context, registration, handshake, started).ConfigureAwait(false);
                return WebhookAdmission.Refused;
            }

            WebhookDeliveryReservation? reservation = null;
            if (options.ExactlyOnce.Enabled)
            {
                var key = new WebhookDeliveryKey(registration.Name, result.Identity);
                var reserved = await ReserveAsync(context, registration, who, key, result, started).ConfigureAwait(false);
                if (!reserved.Admitted)
                {
                    return reserved;
                }

                reservation = reserved.Reservation;
            }

            var delivery = result.Description;
            context.Features.Set<IWebhookVerificationFeature>(new WebhookVerificationFeature(registration.Name, scheme, body.Memory, result, delivery));
            context.Request.Body = body.CreateStream();
            context.Response.RegisterForDispose(body);
            keepBody = true;
            if (reservation is not null)
            {
                // Whatever path the request ends by, a reservation nobody settled is released then.
                context.Response.RegisterForDisposeAsync(reservation);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                WebhookSignatureLog.Accepted(logger, registration.Name, scheme.Name, result.MatchedKeyIndex.GetValueOrDefault(), delivery.EventName, delivery.DeliveryId, RemoteAddress(context));
            }

            metrics.Record(registration.Name, scheme.Name, WebhookOutcome.Accepted, WebhookFailureReason.None, time.GetElapsedTime(started));
            return new WebhookAdmission(true, reservation);
        }
        finally
        {
            if (!keepBody)
            {
                body.Dispose();
            }
        }
    }

    private async Task<WebhookAdmission> ReserveAsync(
        HttpContext context, ActiveWebhookRegistration registration, Refuser who, WebhookDeliveryKey key, WebhookVerificationResult result, long started)
    {
        var options = registration.Options;
        var exactlyOnce = options.ExactlyOnce;
        var scheme = registration.Scheme;
        var token = Guid.NewGuid().ToString("N");
        WebhookReservationOutcome outcome;
        try
        {
            outcome = await store.TryReserveAsync(key, token, exactlyOnce.LeaseDuration, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            if (exactlyOnce.AllowWhenStoreUnavailable)
            {
                WebhookSignatureLog.StoreUnavailableAccepted(logger, e, registration.Name, scheme.Name, RemoteAddress(context));
                return new WebhookAdmission(true, null);
            }

            WebhookSignatureLog.StoreUnavailable(logger, e, registration.Name, scheme.Name, RemoteAddress(context));
            return await RefuseAsync(context, who, WebhookRefusalReason.StoreUnavailable, WebhookFailureReason.None, options.StoreUnavailableStatusCode, UnavailableTitle, started).ConfigureAwait(false);
        }

        switch (outcome)
        {
            case WebhookReservationOutcome.Reserved:
                return new WebhookAdmission(true, new WebhookDeliveryReservation(
                    store, key, token, TimeToLive(registration, key, result), time.GetUtcNow() + exactlyOnce.LeaseDuration, time, scheme.Name, logger));

            case WebhookReservationOutcome.Completed:
                WebhookSignatureLog.Duplicate(logger, registration.Name, scheme.Name, key.Id.ToString(), RemoteAddress(context));
                return await RefuseAsync(context, who, WebhookRefusalReason.Duplicate, WebhookFailureReason.None, exactlyOnce.DuplicateStatusCode, DuplicateTitle, started).ConfigureAwait(false);

            default:
                WebhookSignatureLog.InFlight(logger, registration.Name, scheme.Name, key.Id.ToString(), RemoteAddress(context));
                if (!context.Response.HasStarted)
                {
                    context.Response.Headers.RetryAfter = ((long)exactlyOnce.InFlightRetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                return await RefuseAsync(context, who, WebhookRefusalReason.InFlight, WebhookFailureReason.None, exactlyOnce.InFlightStatusCode, InFlightTitle, started).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How long a handled delivery is remembered: never less than until its signed timestamp leaves the window, since
    /// the identical bytes verify until then; exactly that when the identity is the signed content (they fail
    /// verification after that anyway), and at least the configured time to live for a signed id, which a sender's
    /// re-signed retry carries past the window.
    /// </summary>
    private TimeSpan TimeToLive(ActiveWebhookRegistration registration, WebhookDeliveryKey key, WebhookVerificationResult result)
    {
        var configured = registration.Options.ExactlyOnce.TimeToLive;
        if (result.Timestamp is not { } signed)
        {
            return configured;
        }

        var remaining = signed + registration.Scheme.Tolerance - time.GetUtcNow();
        if (remaining < TimeSpan.FromSeconds(1))
        {
            remaining = TimeSpan.FromSeconds(1);
        }

        return key.Id.Source == WebhookDeliveryIdentitySource.SignedContent || remaining > configured ? remaining : configured;
    }

    /// <summary>Writes a verified handshake's answer in place of the handler's; nothing is written to an aborted request.</summary>
    private async Task AnswerHandshakeAsync(HttpContext context, ActiveWebhookRegistration registration, WebhookHandshakeResponse handshake, long started)
    {
        WebhookSignatureLog.HandshakeAnswered(logger, handshake.StatusCode, registration.Name, registration.Scheme.Name, RemoteAddress(context));
        metrics.Record(registration.Name, registration.Scheme.Name, WebhookOutcome.Handshake, WebhookFailureReason.None, time.GetElapsedTime(started));
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = handshake.StatusCode;
        context.Response.ContentType = handshake.ContentType;
        context.Response.ContentLength = handshake.Body.Length;
        await context.Response.Body.WriteAsync(handshake.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private Task<WebhookAdmission> RefuseTooLargeAsync(HttpContext context, ActiveWebhookRegistration registration, Refuser who, long started)
    {
        WebhookSignatureLog.BodyTooLarge(logger, registration.Name, registration.Scheme.Name, registration.Options.MaxBodySize, RemoteAddress(context));
        return RefuseAsync(context, who, WebhookRefusalReason.BodyTooLarge, WebhookFailureReason.None, registration.Options.BodyTooLargeStatusCode, TooLargeTitle, started);
    }

    /// <summary>
    /// Every answer the verifier gives instead of the handler's: counted, set on the request as its refusal, handed to
    /// the registration's <c>OnRefused</c>, then written (unless the callback wrote its own).
    /// </summary>
    private async Task<WebhookAdmission> RefuseAsync(
        HttpContext context, Refuser who, WebhookRefusalReason reason, WebhookFailureReason failure, int status, string title, long started)
    {
        metrics.Record(who.Registration, who.Scheme, reason, failure, time.GetElapsedTime(started));
        var refusal = new WebhookRefusalFeature(who.Registration, reason, failure);
        context.Features.Set<IWebhookRefusalFeature>(refusal);

        // Nobody is left to read an answer to an aborted request.
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return WebhookAdmission.Refused;
        }

        context.Response.StatusCode = status;
        if (who.OnRefused is { } onRefused)
        {
            await onRefused(new WebhookRefusedContext(context, refusal), context.RequestAborted).ConfigureAwait(false);
        }

        // A duplicate's acknowledgement has no body: the sender needs only the status.
        if (!context.Response.HasStarted && status >= 400 && context.RequestServices.GetService<IProblemDetailsService>() is { } problems)
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = status, Title = title },
            }).ConfigureAwait(false);
        }

        return WebhookAdmission.Refused;
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

    /// <summary>Who refuses: the registration and scheme for metrics and the feature, and the registration's callback.</summary>
    private readonly record struct Refuser(string Registration, string Scheme, Func<WebhookRefusedContext, CancellationToken, ValueTask>? OnRefused);
}

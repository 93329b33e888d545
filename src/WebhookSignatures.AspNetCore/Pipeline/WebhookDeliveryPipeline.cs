using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The one path of a delivery, behind the middleware, the endpoint convention, the matcher policy and the MVC attribute:
/// read the body within the registration's limits, verify it, answer a handshake, reserve the delivery, run the handler,
/// then settle the reservation (complete on 2xx, release otherwise). Whatever stops a delivery before its handler is a
/// <see cref="WebhookOutcome"/>, answered by <see cref="WebhookOutcomeWriter"/>.
/// </summary>
internal sealed class WebhookDeliveryPipeline(
    WebhookRegistrations registrations,
    WebhookExactlyOnce exactlyOnce,
    WebhookSignatureMetrics metrics,
    WebhookSecretMismatchWatch mismatches,
    ILogger<WebhookDeliveryPipeline> logger,
    TimeProvider time)
{
    private const string Unknown = "unknown";

    /// <summary>Where body buffers come from; a seam for tests that count rents and returns.</summary>
    internal ArrayPool<byte> BodyPool { get; set; } = ArrayPool<byte>.Shared;

    /// <summary>
    /// Runs <paramref name="handler"/> for a request to an endpoint that requires <paramref name="registrationName"/>
    /// once the delivery is verified and reserved, and settles the delivery after it. A request an outer adapter already
    /// verified for the registration goes straight to the handler: that adapter settles it.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="registrationName">The registration the endpoint requires.</param>
    /// <param name="state">What the handler needs, so that adapters pass a static lambda.</param>
    /// <param name="handler">Runs the handler; false when it failed without throwing (an exception MVC kept for itself).</param>
    /// <returns>Whether the handler ran; when not, the pipeline has answered the request.</returns>
    public static Task<bool> RunAsync<TState>(HttpContext context, string registrationName, TState state, Func<TState, HttpContext, Task<bool>> handler) =>
        // Resolving the pipeline would create the request's service scope for nothing when it already ran.
        IsVerified(context, registrationName)
            ? RunVerifiedAsync(context, state, handler)
            : Get(context).VerifyThenRunAsync(context, registrationName, state, handler);

    /// <summary>Runs the rest of a request pipeline (<paramref name="next"/>, an endpoint's delegate) as the handler.</summary>
    public static Task RunAsync(HttpContext context, string registrationName, RequestDelegate next) =>
        RunAsync(context, registrationName, next, RunNext);

    /// <summary>Refuses a request to an endpoint whose requirements cannot all be met (a configuration error): 500, handler not run.</summary>
    public static Task RefuseMisconfiguredAsync(HttpContext context, string problem) => Get(context).AnswerMisconfiguredAsync(context, problem);

    /// <summary>Whether a request carries the verification of <paramref name="registrationName"/> (several adapters on one endpoint verify once).</summary>
    private static bool IsVerified(HttpContext context, string registrationName) =>
        context.Features.Get<IWebhookVerificationFeature>() is { } done && done.RegistrationName == registrationName;

    private static WebhookDeliveryPipeline Get(HttpContext context) =>
        context.RequestServices.GetService<WebhookDeliveryPipeline>()
        ?? throw new InvalidOperationException("Webhook signature verification needs services.AddWebhookSignatures() at start-up.");

    // A request delegate as the handler: it failed only if it threw.
    private static async Task<bool> RunNext(RequestDelegate next, HttpContext context)
    {
        await next(context).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> RunVerifiedAsync<TState>(HttpContext context, TState state, Func<TState, HttpContext, Task<bool>> handler)
    {
        await handler(state, context).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> VerifyThenRunAsync<TState>(HttpContext context, string registrationName, TState state, Func<TState, HttpContext, Task<bool>> handler)
    {
        if (await AdmitAsync(context, registrationName).ConfigureAwait(false) is not { } admitted)
        {
            return false;
        }

        // The one place a delivery is settled, however the handler ends: an answer, an exception, an abort. A 2xx
        // completes it even when the sender has gone (see WebhookHandlerEnding.Handled).
        var ran = false;
        Type? thrown = null;
        try
        {
            ran = await handler(state, context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Noted for the release's log line, then left to the application's exception handling.
            thrown = e.GetType();
            throw;
        }
        finally
        {
            if (admitted.Reservation is { } reservation)
            {
                // Whatever runs in the request after this is no longer the handler of a reserved delivery.
                context.Features.Set<IWebhookDeliveryReservationFeature>(null);
                var ending = new WebhookHandlerEnding(context.Response.StatusCode, thrown, context.RequestAborted.IsCancellationRequested, Failed: thrown is null && !ran);
                await reservation.SettleAsync(ending).ConfigureAwait(false);
            }
        }

        return true;
    }

    /// <summary>Reads, verifies, answers a handshake and reserves; <see langword="null"/> when the request has been answered instead.</summary>
    private async Task<Admission?> AdmitAsync(HttpContext context, string registrationName)
    {
        using var activity = WebhookTracing.StartAdmission(registrationName);
        var admission = await AdmitCoreAsync(context, registrationName, activity).ConfigureAwait(false);
        if (activity is not null)
        {
            var outcome = admission is null ? context.GetWebhookOutcome() : null;
            activity.SetTag("webhook.outcome", outcome is null ? WebhookOutcomeTags.Accepted : outcome.Outcome.ToTag());
            if (outcome is { FailureReason: not WebhookFailureReason.None })
            {
                activity.SetTag("webhook.failure_reason", outcome.FailureReason.ToString());
            }
        }

        return admission;
    }

    private async Task<Admission?> AdmitCoreAsync(HttpContext context, string registrationName, Activity? activity)
    {
        var started = time.GetTimestamp();
        ActiveWebhookRegistration registration;
        try
        {
            registration = registrations.Acquire(registrationName);
        }
        catch (OptionsValidationException e)
        {
            WebhookSignatureLog.InvalidOptions(logger, registrationName, e.Message);
            await AnswerAsync(new(context, registrationName, WebhookOutcome.InvalidOptions), null, StatusCodes.Status401Unauthorized, started).ConfigureAwait(false);
            return null;
        }

        activity?.SetTag("webhook.scheme", registration.Scheme.Name);
        WebhookBodyBuffer? body = null;
        try
        {
            body = await ReadBodyAsync(context, registration, started).ConfigureAwait(false);
            if (body is null)
            {
                return null;
            }

            var options = registration.Options;
            var scheme = registration.Scheme;
            // A signature header sent twice is ambiguous (which one did the sender mean?): refused before any MAC is computed.
            var headers = new HttpRequestWebhookHeaders(context.Request.Headers);
            var repeated = headers.HasRepeated(scheme.HeaderNames);
            var result = repeated ? default : Verify(context, registration, headers, body);
            if (!result.IsValid)
            {
                var reason = repeated ? WebhookFailureReason.MalformedSignature : result.FailureReason;
                WebhookSignatureLog.Rejected(logger, registration.Name, scheme.Name, reason, RemoteAddress(context));
                mismatches.Refused(registration.Name, scheme.Name, reason);
                await AnswerAsync(new(context, registration.Name, WebhookOutcome.Unverified, reason), registration, options.UnauthorizedStatusCode, started).ConfigureAwait(false);
                return null;
            }

            mismatches.Accepted(registration.Name);

            // A handshake proves the endpoint to its sender and changes nothing, so it is neither reserved nor remembered:
            // the sender expects the same answer every time it asks (Zoom asks again every few days).
            if (result.Handshake is { } handshake)
            {
                WebhookSignatureLog.HandshakeAnswered(logger, handshake.StatusCode, registration.Name, scheme.Name, RemoteAddress(context));
                await AnswerAsync(new(context, registration.Name, WebhookOutcome.Handshake), registration, handshake.StatusCode, started, handshake).ConfigureAwait(false);
                return null;
            }

            WebhookDeliveryReservation? reservation = null;
            if (options.ExactlyOnce.Enabled)
            {
                var attempt = await exactlyOnce.ReserveAsync(registration, result, context.RequestAborted).ConfigureAwait(false);
                if (!await MayRunAsync(context, registration, attempt, started).ConfigureAwait(false))
                {
                    return null;
                }

                reservation = attempt.Reservation;
            }

            // From here the body is the request's: the handler reads it, and it is cleared when the request ends.
            context.Features.Set<IWebhookVerificationFeature>(new WebhookVerificationFeature(registration.Name, scheme, body.Memory, result, result.Description, reservation));
            if (reservation is { IsConfirmed: true })
            {
                // A store that completes deliveries in the handler's own transaction fences it with this reservation.
                context.Features.Set<IWebhookDeliveryReservationFeature>(reservation);
            }

            context.Request.Body = body.CreateStream();
            context.Response.RegisterForDispose(body);
            body = null;
            if (logger.IsEnabled(LogLevel.Debug))
            {
                WebhookSignatureLog.Accepted(logger, registration.Name, scheme.Name, result.MatchedKeyIndex.GetValueOrDefault(), result.Description.EventName, result.Description.DeliveryId, RemoteAddress(context));
            }

            metrics.Record(registration.Name, scheme.Name, WebhookOutcomeTags.Accepted, WebhookFailureReason.None, time.GetElapsedTime(started));
            return new Admission(reservation);
        }
        finally
        {
            body?.Dispose();
            registration.Release();
        }
    }

    /// <summary>
    /// Reads the body within the registration's size limit and deadline; <see langword="null"/> when it is refused
    /// (too large, too slow, broken), and answered.
    /// </summary>
    private async Task<WebhookBodyBuffer?> ReadBodyAsync(HttpContext context, ActiveWebhookRegistration registration, long started)
    {
        var options = registration.Options;
        var request = context.Request;
        WebhookBodyBuffer? body = null;

        // A declared length over the limit is refused before a byte is read.
        if (!(request.ContentLength > options.MaxBodySize))
        {
            // The registration's limit governs this endpoint; a lower server-wide default would cut it short.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && limit.MaxRequestBodySize < options.MaxBodySize)
            {
                limit.MaxRequestBodySize = options.MaxBodySize;
            }

            try
            {
                body = await WebhookBodyReader.ReadAsync(request.BodyReader, request.ContentLength, options.MaxBodySize, BodyPool, options.BodyReadTimeout, time, CancellationToken.None).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // The server's own limit: too large all the same.
            }
            catch (TimeoutException)
            {
                WebhookSignatureLog.BodyReadTimedOut(logger, registration.Name, registration.Scheme.Name, options.BodyReadTimeout, RemoteAddress(context));
                await AnswerAsync(new(context, registration.Name, WebhookOutcome.BodyReadTimedOut), registration, StatusCodes.Status408RequestTimeout, started).ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
            {
                // Broken framing, a server read limit, or a sender that went away: what the sender did is not our failure.
                WebhookSignatureLog.BodyIncomplete(logger, e.GetType().Name, registration.Name, registration.Scheme.Name, RemoteAddress(context));
                var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
                await AnswerAsync(new(context, registration.Name, WebhookOutcome.BodyIncomplete), registration, status, started).ConfigureAwait(false);
                return null;
            }
        }

        if (body is null)
        {
            WebhookSignatureLog.BodyTooLarge(logger, registration.Name, registration.Scheme.Name, options.MaxBodySize, RemoteAddress(context));
            await AnswerAsync(new(context, registration.Name, WebhookOutcome.BodyTooLarge), registration, options.BodyTooLargeStatusCode, started).ConfigureAwait(false);
        }

        return body;
    }

    /// <summary>Reads the delivery once, with the parts the registration's options need.</summary>
    private static WebhookVerificationResult Verify(HttpContext context, ActiveWebhookRegistration registration, HttpRequestWebhookHeaders headers, WebhookBodyBuffer body)
    {
        var scheme = registration.Scheme;
        var options = registration.Options;
        var target = scheme.SignsRequestTarget ? HttpRequestWebhookTarget.From(context.Request, options.PublicBaseUrl) : WebhookRequestTarget.None;
        var parts = WebhookReadParts.Description
            | (options.AnswerHandshakes ? WebhookReadParts.Handshake : WebhookReadParts.None)
            | (options.ExactlyOnce.Enabled ? WebhookReadParts.Identity : WebhookReadParts.None);
        return scheme.Verify(new WebhookDelivery(headers, body.Memory.Span, target), registration.Keys, parts);
    }

    /// <summary>
    /// Whether the handler may run after asking the store to reserve the delivery: when it did, or when it did not
    /// answer and fail-open is configured. Otherwise the request is answered: a duplicate, one in flight, or 503.
    /// </summary>
    private async Task<bool> MayRunAsync(HttpContext context, ActiveWebhookRegistration registration, WebhookReservationAttempt attempt, long started)
    {
        var options = registration.Options;
        var scheme = registration.Scheme.Name;
        switch (attempt.Outcome)
        {
            case WebhookReservationOutcome.Reserved:
                return true;

            case WebhookReservationOutcome.Completed:
                WebhookSignatureLog.Duplicate(logger, registration.Name, scheme, attempt.Key.Id.ToString(), RemoteAddress(context));
                await AnswerAsync(new(context, registration.Name, WebhookOutcome.Duplicate), registration, options.ExactlyOnce.DuplicateStatusCode, started).ConfigureAwait(false);
                return false;

            case WebhookReservationOutcome.InFlight:
                WebhookSignatureLog.InFlight(logger, registration.Name, scheme, attempt.Key.Id.ToString(), RemoteAddress(context));
                if (!context.Response.HasStarted)
                {
                    context.Response.Headers.RetryAfter = ((long)options.ExactlyOnce.InFlightRetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await AnswerAsync(new(context, registration.Name, WebhookOutcome.InFlight), registration, options.ExactlyOnce.InFlightStatusCode, started).ConfigureAwait(false);
                return false;
        }

        // The store did not answer. Its reservation may still land, so it is given back either way: after the handler
        // when fail-open lets the handler run, in the background otherwise.
        var aborted = context.RequestAborted.IsCancellationRequested;
        if (options.ExactlyOnce.AllowWhenStoreUnavailable && !aborted)
        {
            WebhookSignatureLog.StoreUnavailableAccepted(logger, attempt.Failure!, registration.Name, scheme, RemoteAddress(context));
            return true;
        }

        attempt.Reservation!.ReleaseLater();
        if (!aborted)
        {
            WebhookSignatureLog.StoreUnavailable(logger, attempt.Failure!, registration.Name, scheme, RemoteAddress(context));
        }

        await AnswerAsync(new(context, registration.Name, WebhookOutcome.StoreUnavailable), registration, options.StoreUnavailableStatusCode, started).ConfigureAwait(false);
        return false;
    }

    private Task AnswerMisconfiguredAsync(HttpContext context, string problem)
    {
        WebhookSignatureLog.ConfigurationError(logger, context.GetEndpoint()?.DisplayName, problem);
        return AnswerAsync(new(context, Unknown, WebhookOutcome.Misconfigured), null, StatusCodes.Status500InternalServerError, time.GetTimestamp());
    }

    /// <summary>
    /// Counts the outcome, then writes the pipeline's answer in place of the handler's, through the registration's
    /// <c>OnOutcome</c> when there is a registration to speak of.
    /// </summary>
    private Task AnswerAsync(WebhookOutcomeContext outcome, ActiveWebhookRegistration? registration, int status, long started, WebhookHandshakeResponse? handshake = null)
    {
        metrics.Record(outcome.RegistrationName, registration?.Scheme.Name ?? Unknown, outcome.Outcome.ToTag(), outcome.FailureReason, time.GetElapsedTime(started));
        return WebhookOutcomeWriter.WriteAsync(outcome, status, registration?.Options.OnOutcome, logger, handshake);
    }

    // Formatting the address allocates, so only the log calls that write it ask for it.
    private static string? RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    /// <summary>A delivery whose handler may run, and the reservation to settle after it.</summary>
    private readonly record struct Admission(WebhookDeliveryReservation? Reservation);
}

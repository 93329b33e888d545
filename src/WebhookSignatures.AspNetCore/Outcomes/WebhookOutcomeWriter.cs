using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Writes the answer the pipeline gives in place of the handler's: sets the outcome on the request, sets the status,
/// hands the outcome to the registration's <see cref="WebhookRegistrationOptions.OnOutcome"/>, then writes its own
/// answer unless the callback started one: a handshake's reply, a ProblemDetails body for an error status, nothing
/// for a duplicate's acknowledgement. A callback that throws is logged and its answer, or the pipeline's, stands:
/// forged requests must never be able to turn a refusal into a 500.
/// </summary>
internal static class WebhookOutcomeWriter
{
    public static async Task WriteAsync(
        WebhookOutcomeContext outcome, int status, Func<WebhookOutcomeContext, CancellationToken, ValueTask>? onOutcome, ILogger logger, WebhookHandshakeResponse? handshake = null)
    {
        var context = outcome.HttpContext;
        context.Features.Set(outcome);

        // Nobody is left to read an answer to an aborted request.
        var response = context.Response;
        if (response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        response.StatusCode = status;
        if (onOutcome is not null)
        {
            try
            {
                await onOutcome(outcome, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                WebhookSignatureLog.OutcomeCallbackFailed(logger, e, outcome.Outcome, outcome.RegistrationName);
                if (!response.HasStarted)
                {
                    // The callback may have changed the status before it failed; the answer is the pipeline's again.
                    response.StatusCode = status;
                }
            }
            catch (OperationCanceledException)
            {
                // The sender went away while the callback ran: nobody is left to answer.
                return;
            }

            if (response.HasStarted)
            {
                return;
            }
        }

        if (handshake is not null)
        {
            response.ContentType = handshake.ContentType;
            response.ContentLength = handshake.Body.Length;
            await response.Body.WriteAsync(handshake.Body, context.RequestAborted).ConfigureAwait(false);
        }
        else if (status >= 400 && context.RequestServices.GetService<IProblemDetailsService>() is { } problems)
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = status, Title = Title(outcome.Outcome) },
            }).ConfigureAwait(false);
        }
    }

    // One title per kind of answer, never the check that failed: the response must not tell a sender which one it was.
    private static string Title(WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Unverified or WebhookOutcome.InvalidOptions => "The webhook signature could not be verified.",
        WebhookOutcome.BodyTooLarge => "The webhook body is too large.",
        WebhookOutcome.BodyReadTimedOut => "The webhook body did not arrive in time.",
        WebhookOutcome.BodyIncomplete => "The webhook body could not be read.",
        WebhookOutcome.InFlight => "The webhook delivery is already being handled; retry later.",
        WebhookOutcome.Duplicate => "The webhook delivery was already handled.",
        WebhookOutcome.Misconfigured => "The webhook endpoint is misconfigured.",
        _ => "The webhook cannot be accepted right now.",
    };
}

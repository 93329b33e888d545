using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WebhookSignatures.Cli.Delivering;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// The inspector's resend: posts a kept delivery's exact bytes and headers to the receiver beside it, on loopback and
/// nowhere else, asked only by the inspector's own page.
/// </summary>
internal sealed class InspectorResend(DeliveryLog log) : IDisposable
{
    // Resends go to the receiver beside the inspector, on loopback, and nowhere else.
    private readonly DeliveryPoster _poster = new(DeliveryGuard.LoopbackOnly);

    /// <summary>Where resent deliveries go: the receiver itself, set once it listens.</summary>
    public Uri? ReceiverAddress { get; set; }

    /// <summary>Posts the delivery's exact bytes and headers to the receiver again, so the page shows how the duplicate is answered.</summary>
    public async Task ResendAsync(HttpContext context)
    {
        if (!InspectorAccess.IsFromOwnPage(context.Request))
        {
            await AnswerAsync(context, StatusCodes.Status403Forbidden, new ResendOutcome(null, "only the inspector's page can resend")).ConfigureAwait(false);
            return;
        }

        var sequence = long.TryParse(context.Request.RouteValues["sequence"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (log.Find(sequence) is not { } delivery)
        {
            await AnswerAsync(context, StatusCodes.Status404NotFound, new ResendOutcome(null, $"delivery #{sequence} is no longer kept")).ConfigureAwait(false);
            return;
        }

        if (delivery.Truncated || ReceiverAddress is null)
        {
            await AnswerAsync(context, StatusCodes.Status409Conflict, new ResendOutcome(null, "its body was over the limit and is not kept whole")).ConfigureAwait(false);
            return;
        }

        try
        {
            // The path and query as received, under the receiver's own address: a path such as //elsewhere/x (a
            // network-path reference) must never send the delivery to another host.
            var target = ResendTarget(ReceiverAddress, delivery.PathAndQuery);
            using var response = await _poster.PostAsync(target, delivery.Body, delivery.SentHeaders, context.RequestAborted).ConfigureAwait(false);
            await AnswerAsync(context, StatusCodes.Status200OK, new ResendOutcome((int)response.StatusCode, null)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or UriFormatException || (e is TaskCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            await AnswerAsync(context, StatusCodes.Status502BadGateway, new ResendOutcome(null, e.Message)).ConfigureAwait(false);
        }
    }

    public void Dispose() => _poster.Dispose();

    /// <summary>The receiver's scheme, host and port with the received path and query, whatever the path holds.</summary>
    internal static Uri ResendTarget(Uri receiver, string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var builder = new UriBuilder(receiver)
        {
            Path = query < 0 ? pathAndQuery : pathAndQuery[..query],
            Query = query < 0 ? string.Empty : pathAndQuery[(query + 1)..],
            Fragment = string.Empty,
        };
        var target = builder.Uri;
        if (!string.Equals(target.Authority, receiver.Authority, StringComparison.OrdinalIgnoreCase) || target.Scheme != receiver.Scheme)
        {
            throw new UriFormatException("The received path does not stay on this receiver.");
        }

        return target;
    }

    private static Task AnswerAsync(HttpContext context, int status, ResendOutcome outcome)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(outcome, CliJsonContext.Output.ResendOutcome));
    }
}

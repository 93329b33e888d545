using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// The inspector's <c>/_inspect/events</c>: the server-sent events that add each delivery to an open page live, resumed
/// after the page's last delivery when the browser reconnects.
/// </summary>
internal static class InspectorEventStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Sends every delivery after the page's last (<c>?after=</c>, or <c>Last-Event-ID</c> when the browser
    /// reconnects), then each new one, until the page goes away, the receiver stops or the log drops this reader
    /// (it fell behind while still writing; the browser reconnects). A page that can no longer be made whole
    /// (deliveries it missed are no longer kept, or it comes from an earlier run) is told to reload.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, DeliveryLog log)
    {
        var (after, run) = ReadAfter(context.Request);
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers["X-Accel-Buffering"] = "no";
        using var reader = log.Subscribe(after, run, context.Abort);
        try
        {
            if (!reader.IsMissed)
            {
                await response.WriteAsync("retry: 2000\n\n", done.Token).ConfigureAwait(false);
            }

            while (await reader.WriteQueuedAsync(response, delivery => EventText(log, delivery), done.Token).ConfigureAwait(false))
            {
                await response.Body.FlushAsync(done.Token).ConfigureAwait(false);
                if (!await reader.WaitAsync(KeepAlive, done.Token).ConfigureAwait(false))
                {
                    await response.WriteAsync(": keep-alive\n\n", done.Token).ConfigureAwait(false);
                    await response.Body.FlushAsync(done.Token).ConfigureAwait(false);
                }
            }

            if (reader.IsDropped)
            {
                // Closed, whether or not the log closed it first: the browser reconnects and says what it has.
                context.Abort();
            }
            else if (reader.IsMissed)
            {
                await response.WriteAsync("event: reload\ndata: \n\n", done.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed, the receiver is stopping, or the reader was dropped.
        }
    }

    /// <summary>One server-sent event; its id names the run and the delivery, so a reconnecting page says both.</summary>
    private static string EventText(DeliveryLog log, InspectedDelivery delivery)
    {
        // Compact JSON holds no raw line break, so one data line carries it.
        var json = JsonSerializer.Serialize(InspectedDeliveryView.From(delivery), CliJsonContext.Output.InspectedDeliveryView);
        return string.Create(CultureInfo.InvariantCulture, $"id: {log.Run}.{delivery.Sequence}\nevent: delivery\ndata: {json}\n\n");
    }

    /// <summary>The page's last delivery and its run: <c>Last-Event-ID: run.sequence</c>, or <c>?after=sequence&amp;run=run</c>.</summary>
    private static (long After, string? Run) ReadAfter(HttpRequest request)
    {
        string? run;
        string? text;
        if (request.Headers["Last-Event-ID"].FirstOrDefault() is { } id)
        {
            var dot = id.LastIndexOf('.');
            run = dot < 0 ? null : id[..dot];
            text = id[(dot + 1)..];
        }
        else
        {
            run = request.Query["run"].FirstOrDefault();
            text = request.Query["after"].FirstOrDefault();
        }

        return (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after : 0, run);
    }
}

using System.Buffers;
using Microsoft.AspNetCore.Http;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// <c>listen --forward-to</c>: posts a verified first-time delivery to the application, with its original headers and
/// exact body bytes, and answers the sender with the application's status and body. An application that cannot be
/// reached, or that does not answer within <see cref="Timeout"/>, is 502. Any answer but 2xx leaves the delivery to
/// the sender's retry (the verifier releases it); a 2xx completes it even when the body after it is cut short or late.
/// </summary>
internal sealed class DeliveryForwarder(HttpClient client, Uri target)
{
    // Headers that describe one connection or that the client sets itself; everything else travels as received.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade",
        "Expect", "Proxy-Authorization", "Proxy-Authenticate",
    };

    /// <summary>The application's address.</summary>
    public Uri Target => target;

    /// <summary>How long the application may take to answer, its body included.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates the client: no redirects followed (a signed delivery goes only where it was sent), a bounded wait.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
    {
        Timeout = Timeout,
    };

    public async Task ForwardAsync(HttpContext context)
    {
        var verified = context.GetWebhookVerification() ?? throw new InvalidOperationException("Only a verified delivery is forwarded.");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ReadOnlyMemoryContent(verified.Body) };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (!NotForwarded.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(Timeout);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Items[typeof(DeliveryForwarder)] = ReceiverReasons.DownstreamUnreachable;
            return;
        }

        using (response)
        {
            // The application has answered: its status stands (a 2xx completes the delivery) whatever then happens to
            // its body, which the sender gets as far as it came.
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            if (!await CopyBodyAsync(response, context.Response, deadline.Token, context.RequestAborted).ConfigureAwait(false))
            {
                context.Items[typeof(DeliveryForwarder)] = ReceiverReasons.DownstreamBodyCutShort;
            }
        }
    }

    /// <summary>
    /// Copies the application's body to the sender; false when it ended early, failed or did not finish in time.
    /// A failure to write to the sender is the sender's and is thrown.
    /// </summary>
    private static async Task<bool> CopyBodyAsync(HttpResponseMessage from, HttpResponse to, CancellationToken deadline, CancellationToken aborted)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            Stream body;
            try
            {
                body = await from.Content.ReadAsStreamAsync(deadline).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !aborted.IsCancellationRequested)
            {
                return false;
            }

            await using (body.ConfigureAwait(false))
            {
                while (true)
                {
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer, deadline).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !aborted.IsCancellationRequested)
                    {
                        return false;
                    }

                    if (read == 0)
                    {
                        return true;
                    }

                    await to.Body.WriteAsync(buffer.AsMemory(0, read), aborted).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using Microsoft.AspNetCore.Http;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// <c>listen --forward-to</c>: posts a verified first-time delivery to the application, with its original headers and
/// exact body bytes, and answers the sender with the application's status and body. An application that cannot be
/// reached is 502. Any answer but 2xx leaves the delivery to the sender's retry (the verifier releases it).
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

    /// <summary>Creates the client: no redirects followed (a signed delivery goes only where it was sent), a bounded wait.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
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

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Items[typeof(DeliveryForwarder)] = ReceiverReasons.DownstreamUnreachable;
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}

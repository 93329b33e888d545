using System.Net;
using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// Who may see the inspector: by default only this machine, over a loopback connection and with a loopback
/// <c>Host</c> (a page on another site that rebinds its name to 127.0.0.1 is refused); <c>--inspect-remote</c>
/// lets every client in. Whatever the address, state is changed only by a request a form or a link cannot send.
/// </summary>
internal static class InspectorAccess
{
    public const string ResendHeaderName = "X-Webhooksig-Inspector";

    public static bool Allows(HttpContext context, bool remote)
    {
        if (remote)
        {
            return true;
        }

        var client = context.Connection.RemoteIpAddress;
        return client is not null && IPAddress.IsLoopback(client) && IsLoopbackHost(context.Request.Host.Host);
    }

    /// <summary>
    /// Whether a state-changing request came from the inspector's own page: it carries a header that a cross-site form
    /// cannot set (and that a cross-site script could only set after a CORS preflight, which is never answered), and
    /// an Origin, when sent, of this very host.
    /// </summary>
    public static bool IsFromOwnPage(HttpRequest request)
    {
        if (request.Headers[ResendHeaderName] != "resend")
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

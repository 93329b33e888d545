using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace WebhookSignatures.Sending;

/// <summary>
/// The connect step of a guarded <see cref="SocketsHttpHandler"/> (its <see cref="SocketsHttpHandler.ConnectCallback"/>):
/// resolves the receiver's name, refuses the connection when any address it resolved to is internal, and connects to
/// exactly the addresses it checked. Because the check and the connection use one lookup, a name that answers with a
/// public address first and an internal one later (DNS rebinding) cannot slip through.
/// </summary>
/// <remarks>
/// The resolver and the connector are seams: tests answer names with the addresses they need and fail if a connection
/// to anything but loopback is ever attempted.
/// </remarks>
internal sealed class WebhookAddressGuard
{
    private readonly Func<WebhookSenderOptions> _options;
    private readonly IWebProxy? _proxy;
    private readonly Resolver _resolve;
    private readonly Connector _connect;
    private readonly GuardAdvice _advice;

    private WebhookAddressGuard(Func<WebhookSenderOptions> options, IWebProxy? proxy, Resolver? resolve, Connector? connect, GuardAdvice? advice)
    {
        _options = options;
        _proxy = proxy;
        _resolve = resolve ?? ResolveAsync;
        _connect = connect ?? ConnectSocketAsync;
        _advice = advice ?? GuardAdvice.Options;
    }

    /// <summary>Resolves a name to the addresses it stands for now.</summary>
    internal delegate Task<IPAddress[]> Resolver(string host, CancellationToken cancellationToken);

    /// <summary>Opens a connection to the first of <paramref name="addresses"/> that answers.</summary>
    internal delegate ValueTask<Stream> Connector(IPAddress[] addresses, int port, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="handler"/> guarded: its connect step is the guard, it uses no proxy but the one in
    /// <see cref="WebhookAddressGuardOptions.Proxy"/> (never one from the environment), and so no HTTP/3 connection
    /// is made without the guard (see <see cref="KeepOffHttp3"/>). A handler guarded already is left as it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The handler has a connect step or a proxy of its own, or has already sent requests and cannot be changed.
    /// </exception>
    public static WebhookAddressGuard Install(
        SocketsHttpHandler handler,
        Func<WebhookSenderOptions> options,
        Resolver? resolve = null,
        Connector? connect = null,
        GuardAdvice? advice = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        if (handler.ConnectCallback?.Target is WebhookAddressGuard installed)
        {
            return installed;
        }

        if (handler.ConnectCallback is not null)
        {
            throw new InvalidOperationException(
                "The SocketsHttpHandler that sends webhooks has a ConnectCallback of its own, but the guard against internal addresses must be the connect step. Give a handler without one.");
        }

        var proxy = (options() ?? throw new InvalidOperationException("The webhook sender options are missing.")).AddressGuard.Proxy;
        if (handler.UseProxy && handler.Proxy is not null && !ReferenceEquals(handler.Proxy, proxy))
        {
            throw new InvalidOperationException(
                "The SocketsHttpHandler that sends webhooks has a proxy of its own. Set it as WebhookSenderOptions.AddressGuard.Proxy instead: the guard then lets the connection to it through and leaves checking names to it.");
        }

        var guard = new WebhookAddressGuard(options, proxy, resolve, connect, advice);
        try
        {
            handler.ConnectCallback = guard.ConnectAsync;
            handler.UseProxy = proxy is not null;
            handler.Proxy = proxy;
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                "The SocketsHttpHandler that sends webhooks has already sent requests, so the guard against internal addresses cannot be put on it. Give a new handler.",
                e);
        }

        return guard;
    }

    /// <summary>Whether <paramref name="handler"/> connects through a guard.</summary>
    public static bool IsInstalled(SocketsHttpHandler handler) => handler.ConnectCallback?.Target is WebhookAddressGuard;

    /// <summary>
    /// Refuses, before anything is sent, a URL whose host is an internal address written literally; names are
    /// checked when the connection is made. This also covers a handler that connects by its own means.
    /// </summary>
    /// <exception cref="WebhookAddressRefusedException">The URL's address is internal and not allowed.</exception>
    public static void CheckLiteral(Uri? url, WebhookSenderOptions options, GuardAdvice? advice = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (url is { IsAbsoluteUri: true, HostNameType: UriHostNameType.IPv4 or UriHostNameType.IPv6 }
            && TryParseAddress(url.IdnHost, out var address)
            && AddressDecision.Check(address, options) is { } refusal)
        {
            throw refusal.ToException(null, advice ?? GuardAdvice.Options);
        }
    }

    /// <summary>
    /// Keeps a request off HTTP/3, whose QUIC connections do not pass through <see cref="SocketsHttpHandler.ConnectCallback"/>:
    /// HTTP/3 is used only when a request asks for version 3 or allows a higher version than it names.
    /// </summary>
    public static void KeepOffHttp3(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version.Major >= 3)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }
        else if (request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher)
        {
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }
    }

    /// <summary>The connect callback: checks the addresses <paramref name="context"/>'s host resolves to, then connects to them.</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ConnectAsync(context.DnsEndPoint, context.InitialRequestMessage.RequestUri, cancellationToken);
    }

    /// <summary>Checks and connects to <paramref name="endpoint"/> for a request to <paramref name="requestUri"/>.</summary>
    /// <exception cref="WebhookAddressRefusedException">An address the host resolved to is internal and not allowed.</exception>
    internal async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, Uri? requestUri, CancellationToken cancellationToken)
    {
        var literal = TryParseAddress(endpoint.Host, out var written);
        var addresses = literal ? [written!] : await _resolve(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"The name {endpoint.Host} resolved to no address.");
        }

        // The configured proxy is allowed by configuration; it resolves and checks the receiver's name itself.
        if (!IsConfiguredProxy(endpoint, requestUri))
        {
            var options = _options() ?? throw new InvalidOperationException("The webhook sender options are missing.");
            foreach (var address in addresses)
            {
                if (AddressDecision.Check(address, options) is { } refusal)
                {
                    throw refusal.ToException(literal ? null : endpoint.Host, _advice);
                }
            }
        }

        return await _connect(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
    }

    private bool IsConfiguredProxy(DnsEndPoint endpoint, Uri? requestUri) =>
        _proxy is not null && requestUri is not null && !_proxy.IsBypassed(requestUri)
        && _proxy.GetProxy(requestUri) is { } proxy
        && string.Equals(proxy.IdnHost.Trim('[', ']'), endpoint.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
        && proxy.Port == endpoint.Port;

    private static bool TryParseAddress(string host, [NotNullWhen(true)] out IPAddress? address) =>
        IPAddress.TryParse(host.AsSpan().Trim("[]"), out address);

    private static Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);

    private static async ValueTask<Stream> ConnectSocketAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        // A dual-mode socket, as SocketsHttpHandler's own: IPv4 addresses are reached through it too.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

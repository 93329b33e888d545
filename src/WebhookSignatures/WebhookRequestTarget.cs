using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>
/// The request line a delivery arrived on, for the schemes that sign it (Twilio, HubSpot, Square): the HTTP method and
/// the absolute URL exactly as the sender called it. <see cref="None"/> (<c>default</c>) is a verification without one,
/// which every such scheme refuses with <see cref="WebhookFailureReason.MissingRequestUrl"/>; other schemes ignore it.
/// </summary>
/// <remarks>
/// Schemes sign the URL's <see cref="Uri.OriginalString"/>, the text it was created from, never a normalized form:
/// create it from the URL as configured at the sender (scheme, host, port, path and query, percent-encoding kept). The
/// ASP.NET Core package builds it from the request, or from a registration's public base URL behind a proxy.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookRequestTarget
{
    /// <summary>Creates a request target.</summary>
    /// <param name="method">The HTTP method, such as <c>POST</c>, as the request line carries it.</param>
    /// <param name="url">The absolute URL the sender called.</param>
    /// <exception cref="ArgumentException">The method is empty or <paramref name="url"/> is not absolute.</exception>
    public WebhookRequestTarget(string method, Uri url)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The request URL must be absolute: scheme, host, path and query as the sender called it.", nameof(url));
        }

        Method = method;
        Url = url;
    }

    /// <summary>No request target: schemes that sign the request line refuse the delivery.</summary>
    public static WebhookRequestTarget None => default;

    /// <summary>The HTTP method; <see langword="null"/> for <see cref="None"/>.</summary>
    public string? Method { get; }

    /// <summary>The absolute URL the sender called; <see langword="null"/> for <see cref="None"/>.</summary>
    public Uri? Url { get; }

    /// <summary>Whether this is <see cref="None"/>.</summary>
    public bool IsNone => Url is null;

    /// <summary>A <c>POST</c> to <paramref name="url"/>, how every built-in sender delivers.</summary>
    /// <param name="url">The absolute URL the sender called.</param>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not absolute.</exception>
    public static WebhookRequestTarget Post(Uri url) => new("POST", url);

    /// <summary>The method and URL as text, such as <c>POST https://example.com/hooks</c>; empty for <see cref="None"/>.</summary>
    public override string ToString() => IsNone ? string.Empty : $"{Method} {Url!.OriginalString}";
}

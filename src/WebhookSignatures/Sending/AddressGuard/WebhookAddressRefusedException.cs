using System.Net;

namespace WebhookSignatures.Sending;

/// <summary>
/// A webhook was not sent because its receiver's address is internal: the guard refused to connect, before any
/// connection was opened. <see cref="Rule"/> says which kind of address it is, <see cref="Address"/> which one.
/// </summary>
/// <remarks>
/// <see cref="WebhookSender"/> and every client with a <see cref="WebhookSigningHandler"/> throw it as it is; a client
/// without one gets it as the <see cref="Exception.InnerException"/> of the <see cref="HttpRequestException"/> that
/// <see cref="SocketsHttpHandler"/> reports a failed connection with.
/// </remarks>
public sealed class WebhookAddressRefusedException : HttpRequestException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public WebhookAddressRefusedException()
        : this("The webhook's receiver has an internal address, which webhooks are not sent to.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was refused and why.</param>
    public WebhookAddressRefusedException(string? message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was refused and why.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookAddressRefusedException(string? message, Exception? innerException)
        : base(HttpRequestError.ConnectionError, message, innerException)
    {
        Rule = string.Empty;
        Address = IPAddress.None;
    }

    internal WebhookAddressRefusedException(string message, IPAddress address, string rule)
        : base(HttpRequestError.ConnectionError, message)
    {
        Address = address;
        Rule = rule;
    }

    /// <summary>The address refused, as it was resolved or written (an IPv4-mapped or NAT64 form stays as it was).</summary>
    public IPAddress Address { get; }

    /// <summary>
    /// The rule that refused it: <c>loopback</c>, <c>private-use</c>, <c>link-local</c>, <c>shared-address-space</c>,
    /// <c>this-network</c>, <c>documentation</c>, <c>benchmarking</c>, <c>multicast</c>, <c>reserved</c>,
    /// <c>limited-broadcast</c>, <c>ietf-protocol-assignments</c>, <c>6to4-relay-anycast</c>, <c>unspecified</c>,
    /// <c>ipv4-compatible</c>, <c>nat64-local-use</c>, <c>discard-only</c>, <c>dummy-prefix</c>, <c>teredo</c>,
    /// <c>orchid</c>, <c>segment-routing</c>, <c>unique-local</c> or <c>site-local</c> (see the sending docs).
    /// </summary>
    public string Rule { get; }
}

using System.Globalization;
using System.Net;

namespace WebhookSignatures.Sending;

/// <summary>
/// The guard against internal addresses, on for every webhook client: the sender resolves the receiver's name itself
/// when it connects and refuses private, loopback, link-local (cloud metadata), carrier-grade NAT, documentation,
/// benchmarking, multicast, reserved and unique-local addresses, IPv4 addresses hidden in IPv6 forms included. These
/// options are the only ways past it, besides <see cref="WebhookSenderOptions.AllowHttpToLoopback"/> for development.
/// </summary>
/// <remarks>
/// <para>The address checked is the address connected to: a name that resolves to a public address once and to an
/// internal one later (DNS rebinding) is refused on the connection that would reach the internal one.</para>
/// <para>No proxy from the environment (<c>HTTPS_PROXY</c>, <c>HTTP_PROXY</c>, <c>ALL_PROXY</c>) is ever used: the
/// guard would then check the proxy's address, not the receiver's. A proxy set in <see cref="Proxy"/> is used, and
/// then the proxy resolves names and must refuse internal addresses itself (as a smokescreen-style egress proxy does);
/// the guard still refuses an internal address written literally in the URL.</para>
/// </remarks>
public sealed class WebhookAddressGuardOptions
{
    /// <summary>
    /// Internal addresses and ranges that are known receivers and may be sent to, such as <c>10.20.0.0/16</c>. An address
    /// is allowed when it, or the IPv4 address it carries (an IPv4-mapped or NAT64 form), is in one of them.
    /// </summary>
    public IList<IPNetwork> AllowedNetworks { get; } = [];

    /// <summary>
    /// A proxy to send every delivery through, or <see langword="null"/> (the default) for direct connections. The
    /// proxy becomes the guard for names: the connection to it is allowed, and it must refuse internal targets itself.
    /// </summary>
    public IWebProxy? Proxy { get; set; }

    /// <summary>Adds an address (<c>10.1.2.3</c>, <c>fd00::7</c>) or a range in CIDR notation (<c>10.1.0.0/16</c>) to <see cref="AllowedNetworks"/>.</summary>
    /// <param name="addressOrNetwork">The address or range.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="FormatException">The text is not an IP address or a range, or a range has bits set after its prefix.</exception>
    public WebhookAddressGuardOptions Allow(string addressOrNetwork)
    {
        ArgumentNullException.ThrowIfNull(addressOrNetwork);
        AllowedNetworks.Add(ParseNetwork(addressOrNetwork));
        return this;
    }

    /// <summary>
    /// Reads <c>10.1.2.3</c> as <c>10.1.2.3/32</c> and <c>10.1.0.0/16</c> as itself. Short IPv4 forms (<c>10.1</c>),
    /// scoped IPv6 addresses and ranges with bits set after the prefix (<c>10.1.2.3/16</c>) are refused: each is
    /// more likely a mistake than what was meant.
    /// </summary>
    internal static IPNetwork ParseNetwork(string text)
    {
        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var written = slash < 0 ? trimmed : trimmed[..slash];
        if (IPAddress.TryParse(written, out var address) && IsPlain(address, written))
        {
            if (slash < 0)
            {
                return new IPNetwork(address, address.GetAddressBytes().Length * 8);
            }

            if (IPNetwork.TryParse(trimmed, out var network) && network.BaseAddress.Equals(address))
            {
                return network;
            }
        }

        throw new FormatException(string.Create(
            CultureInfo.InvariantCulture,
            $"'{text}' is not an IP address or a range in CIDR notation (such as 10.1.0.0/16) whose bits after the prefix are zero."));
    }

    private static bool IsPlain(IPAddress address, string written) => address.AddressFamily switch
    {
        System.Net.Sockets.AddressFamily.InterNetwork => written.Count(c => c == '.') == 3,
        _ => address.ScopeId == 0,
    };
}

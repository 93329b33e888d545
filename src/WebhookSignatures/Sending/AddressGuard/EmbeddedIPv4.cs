using System.Net;
using System.Net.Sockets;

namespace WebhookSignatures.Sending;

/// <summary>
/// The IPv4 address an IPv6 address stands for: IPv4-mapped (<c>::ffff:0:0/96</c>), IPv4-compatible (<c>::/96</c>),
/// NAT64 (<c>64:ff9b::/96</c>), 6to4 (<c>2002::/16</c>) and Teredo (<c>2001::/32</c>, its client address). A connection
/// to such an address reaches, or is routed towards, the IPv4 host it carries, so the guard judges that host.
/// </summary>
internal static class EmbeddedIPv4
{
    public const string Mapped = "IPv4-mapped";
    public const string Compatible = "IPv4-compatible";
    public const string Nat64 = "NAT64";
    public const string SixToFour = "6to4";
    public const string Teredo = "Teredo";

    /// <summary>The carried IPv4 address and the form that carries it; <see langword="null"/> for any other address.</summary>
    public static (IPAddress Address, string Form)? Find(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (address.IsIPv4MappedToIPv6)
        {
            return (address.MapToIPv4(), Mapped);
        }

        // 64:ff9b::/96, the well-known NAT64 prefix (RFC 6052): the last 32 bits.
        if (bytes[..12].SequenceEqual(WellKnownNat64Prefix))
        {
            return (new IPAddress(bytes[12..]), Nat64);
        }

        // 2002:AABB:CCDD::/48 is 6to4 for AA.BB.CC.DD (RFC 3056).
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return (new IPAddress(bytes[2..6]), SixToFour);
        }

        // 2001:0000::/32 is Teredo; the client's address is the last 32 bits inverted (RFC 4380).
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0)
        {
            Span<byte> client = stackalloc byte[4];
            for (var i = 0; i < 4; i++)
            {
                client[i] = (byte)~bytes[12 + i];
            }

            return (new IPAddress(client), Teredo);
        }

        // ::a.b.c.d, but not :: (unspecified) or ::1 (loopback), which are IPv6 addresses of their own.
        if (!bytes[..12].ContainsAnyExcept((byte)0) && ((bytes[12] | bytes[13] | bytes[14]) != 0 || bytes[15] > 1))
        {
            return (new IPAddress(bytes[12..]), Compatible);
        }

        return null;
    }

    private static ReadOnlySpan<byte> WellKnownNat64Prefix => [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
}

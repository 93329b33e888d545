using System.Net;

namespace WebhookSignatures.Sending;

/// <summary>
/// The ranges webhooks are not sent to, from IANA's IPv4 and IPv6 Special-Purpose Address Registries (every block that is
/// not globally reachable), the multicast and reserved space of the address registries, and the IPv6 space outside
/// global unicast (2000::/3). Each range names its <see cref="AddressRule"/>; the most specific range decides.
/// </summary>
/// <remarks>
/// Two IETF protocol assignment blocks, 192.0.0.0/24 and 2001::/23, are refused whole, although the registry lists a few
/// globally reachable anycast and identifier blocks inside them (PCP, TURN, AMT, AS112, ORCHIDv2, drone tags): none of
/// those serves webhooks. IPv4-mapped, NAT64, 6to4, Teredo and IPv4-compatible addresses are judged by the IPv4 address
/// they carry (<see cref="EmbeddedIPv4"/>) before this table is asked.
/// </remarks>
internal static class SpecialPurposeAddresses
{
    // Most specific first, so the first range that contains an address is the one that names it.
    private static readonly (IPNetwork Range, AddressRule Rule)[] Ranges = Sorted(
    [
        ("0.0.0.0/8", AddressRule.ThisNetwork),
        ("10.0.0.0/8", AddressRule.PrivateUse),
        ("100.64.0.0/10", AddressRule.SharedAddressSpace),
        ("127.0.0.0/8", AddressRule.Loopback),
        ("169.254.0.0/16", AddressRule.LinkLocal),
        ("172.16.0.0/12", AddressRule.PrivateUse),
        ("192.0.0.0/24", AddressRule.IetfProtocolAssignments),
        ("192.0.2.0/24", AddressRule.Documentation),
        ("192.88.99.0/24", AddressRule.SixToFourRelay),
        ("192.168.0.0/16", AddressRule.PrivateUse),
        ("198.18.0.0/15", AddressRule.Benchmarking),
        ("198.51.100.0/24", AddressRule.Documentation),
        ("203.0.113.0/24", AddressRule.Documentation),
        ("224.0.0.0/4", AddressRule.Multicast),
        ("240.0.0.0/4", AddressRule.Reserved),
        ("255.255.255.255/32", AddressRule.LimitedBroadcast),

        ("::/128", AddressRule.Unspecified),
        ("::1/128", AddressRule.Loopback),
        ("::/96", AddressRule.Ipv4Compatible),
        ("64:ff9b:1::/48", AddressRule.Nat64LocalUse),
        ("100::/64", AddressRule.DiscardOnly),
        ("100:0:0:1::/64", AddressRule.DummyPrefix),
        ("2001::/23", AddressRule.IetfProtocolAssignments),
        ("2001::/32", AddressRule.Teredo),
        ("2001:2::/48", AddressRule.Benchmarking),
        ("2001:10::/28", AddressRule.Orchid),
        ("2001:db8::/32", AddressRule.Documentation),
        ("3fff::/20", AddressRule.Documentation),
        ("5f00::/16", AddressRule.SegmentRouting),
        ("fc00::/7", AddressRule.UniqueLocal),
        ("fe80::/10", AddressRule.LinkLocal),
        ("fec0::/10", AddressRule.SiteLocal),
        ("ff00::/8", AddressRule.Multicast),

        // Everything outside global unicast (2000::/3) is reserved by the IETF, unless a more specific range above names it.
        ("::/3", AddressRule.Reserved),
        ("4000::/2", AddressRule.Reserved),
        ("8000::/1", AddressRule.Reserved),
    ]);

    /// <summary>Every range and its rule, most specific first.</summary>
    public static IReadOnlyList<(IPNetwork Range, AddressRule Rule)> All => Ranges;

    /// <summary>The most specific refused range that contains <paramref name="address"/>; <see langword="null"/> when none does.</summary>
    public static (IPNetwork Range, AddressRule Rule)? Find(IPAddress address)
    {
        foreach (var entry in Ranges)
        {
            if (entry.Range.Contains(address))
            {
                return entry;
            }
        }

        return null;
    }

    private static (IPNetwork, AddressRule)[] Sorted((string Range, AddressRule Rule)[] rows) =>
        [.. rows.Select(row => (IPNetwork.Parse(row.Range), row.Rule)).OrderByDescending(row => row.Item1.PrefixLength)];
}

namespace WebhookSignatures.Tests.Sending.Guard;

/// <summary>
/// Addresses from every refused range, written from the IANA special-purpose registries rather than from the guard's
/// table, each with the rule that must refuse it: the first and last address of a range, and the well-known ones
/// (cloud metadata services) inside them. Also addresses just outside those ranges, which must pass.
/// </summary>
internal static class BlockedAddresses
{
    public static readonly (string Address, string Rule)[] Cases =
    [
        ("0.0.0.0", "this-network"),
        ("0.255.255.255", "this-network"),
        ("10.0.0.0", "private-use"),
        ("10.255.255.255", "private-use"),
        ("100.64.0.0", "shared-address-space"),
        ("100.100.100.200", "shared-address-space"), // Alibaba Cloud's metadata service
        ("100.127.255.255", "shared-address-space"),
        ("127.0.0.1", "loopback"),
        ("127.255.255.255", "loopback"),
        ("169.254.0.0", "link-local"),
        ("169.254.169.254", "link-local"), // AWS, GCP and Azure metadata
        ("169.254.255.255", "link-local"),
        ("172.16.0.0", "private-use"),
        ("172.31.255.255", "private-use"),
        ("192.0.0.0", "ietf-protocol-assignments"),
        ("192.0.0.9", "ietf-protocol-assignments"),
        ("192.0.0.255", "ietf-protocol-assignments"),
        ("192.0.2.0", "documentation"),
        ("192.0.2.255", "documentation"),
        ("192.88.99.1", "6to4-relay-anycast"),
        ("192.168.0.0", "private-use"),
        ("192.168.255.255", "private-use"),
        ("198.18.0.0", "benchmarking"),
        ("198.19.255.255", "benchmarking"),
        ("198.51.100.0", "documentation"),
        ("198.51.100.255", "documentation"),
        ("203.0.113.0", "documentation"),
        ("203.0.113.255", "documentation"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.255", "multicast"),
        ("240.0.0.0", "reserved"),
        ("255.255.255.254", "reserved"),
        ("255.255.255.255", "limited-broadcast"),

        ("::", "unspecified"),
        ("::1", "loopback"),
        ("::808:808", "ipv4-compatible"),
        ("64:ff9b:1::", "nat64-local-use"),
        ("64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "nat64-local-use"),
        ("100::", "discard-only"),
        ("100::ffff:ffff:ffff:ffff", "discard-only"),
        ("100:0:0:1::1", "dummy-prefix"),
        ("2001:1::1", "ietf-protocol-assignments"),
        ("2001:3::1", "ietf-protocol-assignments"),
        ("2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "ietf-protocol-assignments"),
        ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", "teredo"), // a Teredo client at a public address (8.8.8.8)
        ("2001:2::", "benchmarking"),
        ("2001:2:0:ffff:ffff:ffff:ffff:ffff", "benchmarking"),
        ("2001:10::1", "orchid"),
        ("2001:1f:ffff:ffff:ffff:ffff:ffff:ffff", "orchid"),
        ("2001:db8::", "documentation"),
        ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "documentation"),
        ("3fff::", "documentation"),
        ("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "documentation"),
        ("5f00::1", "segment-routing"),
        ("fc00::", "unique-local"),
        ("fd00:ec2::254", "unique-local"), // AWS's metadata service over IPv6
        ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "unique-local"),
        ("fe80::", "link-local"),
        ("fe80::1%2", "link-local"),
        ("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "link-local"),
        ("fec0::1", "site-local"),
        ("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "site-local"),
        ("ff02::1", "multicast"),
        ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "multicast"),
        ("1000::1", "reserved"),
        ("4000::1", "reserved"),
        ("8000::1", "reserved"),
        ("fe00::1", "reserved"),
    ];

    /// <summary>Public addresses, many just outside a refused range; the decision is made without connecting to them.</summary>
    public static readonly string[] Public =
    [
        "1.1.1.1",
        "8.8.8.8",
        "9.255.255.255",
        "11.0.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "126.255.255.255",
        "128.0.0.0",
        "169.253.255.255",
        "169.255.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.0.1.0",
        "192.0.3.0",
        "192.88.98.255",
        "192.167.255.255",
        "192.169.0.0",
        "198.17.255.255",
        "198.20.0.0",
        "223.255.255.255",
        "2001:200::1",
        "2001:4860:4860::8888",
        "2606:4700:4700::1111",
        "2002:808:808::1", // 6to4 for 8.8.8.8
        "64:ff9b::808:808", // NAT64 for 8.8.8.8
        "::ffff:8.8.8.8", // IPv4-mapped 8.8.8.8
        "3ffe:ffff::1",
    ];
}

namespace WebhookSignatures.Sending;

/// <summary>
/// A kind of address webhooks are not sent to: a stable <see cref="Name"/> that refusals carry (such as
/// <c>link-local</c>) and, for people, why such an address is internal.
/// </summary>
/// <param name="Name">The rule's stable name, as <see cref="WebhookAddressRefusedException.Rule"/> reports it.</param>
/// <param name="Why">What the range is, in a few words, for the refusal's message.</param>
internal sealed record AddressRule(string Name, string Why)
{
    public static readonly AddressRule ThisNetwork = new("this-network", "addresses that reach the sending host itself");
    public static readonly AddressRule PrivateUse = new("private-use", "a private network (RFC 1918)");
    public static readonly AddressRule SharedAddressSpace = new("shared-address-space", "carrier-grade NAT (RFC 6598), where some clouds serve instance metadata");
    public static readonly AddressRule Loopback = new("loopback", "the sending host itself");
    public static readonly AddressRule LinkLocal = new("link-local", "the cloud metadata range");
    public static readonly AddressRule IetfProtocolAssignments = new("ietf-protocol-assignments", "reserved for IETF protocol assignments");
    public static readonly AddressRule Documentation = new("documentation", "reserved for documentation");
    public static readonly AddressRule SixToFourRelay = new("6to4-relay-anycast", "the deprecated 6to4 relay anycast range (RFC 7526)");
    public static readonly AddressRule Benchmarking = new("benchmarking", "reserved for benchmarking networks");
    public static readonly AddressRule Multicast = new("multicast", "a group of hosts, not a receiver");
    public static readonly AddressRule Reserved = new("reserved", "reserved by the IETF, assigned to no network");
    public static readonly AddressRule LimitedBroadcast = new("limited-broadcast", "every host on the local network");
    public static readonly AddressRule Unspecified = new("unspecified", "the unspecified address, which reaches the sending host itself");
    public static readonly AddressRule Ipv4Compatible = new("ipv4-compatible", "a deprecated IPv6 form of an IPv4 address (RFC 4291)");
    public static readonly AddressRule Nat64LocalUse = new("nat64-local-use", "a NAT64 translator inside the sender's own network (RFC 8215)");
    public static readonly AddressRule DiscardOnly = new("discard-only", "a prefix whose traffic is discarded (RFC 6666)");
    public static readonly AddressRule DummyPrefix = new("dummy-prefix", "a prefix that is never routed (RFC 9780)");
    public static readonly AddressRule Teredo = new("teredo", "a Teredo tunnel (RFC 4380)");
    public static readonly AddressRule Orchid = new("orchid", "deprecated cryptographic identifiers, not hosts (RFC 4843)");
    public static readonly AddressRule SegmentRouting = new("segment-routing", "segment routing identifiers, not hosts (RFC 9602)");
    public static readonly AddressRule UniqueLocal = new("unique-local", "a private IPv6 network (RFC 4193)");
    public static readonly AddressRule SiteLocal = new("site-local", "a deprecated private IPv6 network (RFC 3879)");

    /// <inheritdoc />
    public override string ToString() => Name;
}

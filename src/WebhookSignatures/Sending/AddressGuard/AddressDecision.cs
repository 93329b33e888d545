using System.Net;

namespace WebhookSignatures.Sending;

/// <summary>Whether the guard connects to one address: the decision itself, without any socket.</summary>
internal static class AddressDecision
{
    /// <summary>The refusal for <paramref name="address"/>, or <see langword="null"/> when it may be connected to.</summary>
    /// <param name="address">The address about to be connected to, as resolved or as written in the URL.</param>
    /// <param name="allowLoopback">Development mode: loopback addresses (127.0.0.0/8, ::1, and IPv4-mapped loopback) pass.</param>
    /// <param name="allowed">Internal networks that are known receivers.</param>
    public static AddressRefusal? Check(IPAddress address, bool allowLoopback, IEnumerable<IPNetwork> allowed)
    {
        ArgumentNullException.ThrowIfNull(address);
        var carried = EmbeddedIPv4.Find(address);
        var match = carried is { } form ? SpecialPurposeAddresses.Find(form.Address) : null;

        // IPv4-mapped, NAT64 and 6to4 forms of a public IPv4 address are public; Teredo and IPv4-compatible forms never are.
        match ??= carried is { Form: EmbeddedIPv4.Mapped or EmbeddedIPv4.Nat64 or EmbeddedIPv4.SixToFour } ? null : SpecialPurposeAddresses.Find(address);
        if (match is not { } refused)
        {
            return null;
        }

        // Only forms that reach the carried host itself count for the allow-list and for loopback; a tunnel does not.
        var sameHost = carried is { Form: EmbeddedIPv4.Mapped or EmbeddedIPv4.Nat64 } ? carried.Value.Address : null;
        foreach (var network in allowed)
        {
            if (network.Contains(address) || (sameHost is not null && network.Contains(sameHost)))
            {
                return null;
            }
        }

        if (allowLoopback && refused.Rule == AddressRule.Loopback && carried is null or { Form: EmbeddedIPv4.Mapped })
        {
            return null;
        }

        return new AddressRefusal(address, refused.Rule, refused.Range, carried);
    }

    /// <summary>The refusal for <paramref name="address"/> under <paramref name="options"/>, or <see langword="null"/>.</summary>
    public static AddressRefusal? Check(IPAddress address, WebhookSenderOptions options) =>
        Check(address, options.AllowHttpToLoopback, options.AddressGuard.AllowedNetworks);
}

using System.Globalization;
using System.Net;

namespace WebhookSignatures.Sending;

/// <summary>Why the guard will not connect to an address: the rule, the range it matched and any IPv4 address it carries.</summary>
internal sealed record AddressRefusal(IPAddress Address, AddressRule Rule, IPNetwork Range, (IPAddress Address, string Form)? Carried)
{
    /// <summary>
    /// The exception, with a message such as <c>Refused to connect to 169.254.169.254 for metadata.example (link-local:
    /// the cloud metadata range, 169.254.0.0/16).</c> and how to allow the receiver. Only the host is named: a URL's
    /// path or query may carry a token.
    /// </summary>
    /// <param name="host">The name that resolved to the address; <see langword="null"/> when the URL held the address itself.</param>
    /// <param name="advice">How to allow the receiver, in the words of where the guard was configured.</param>
    public WebhookAddressRefusedException ToException(string? host, GuardAdvice advice)
    {
        var carried = Carried is { } form ? $" ({form.Form} {form.Address})" : string.Empty;
        var forHost = host is null ? string.Empty : $" for {host}";
        var allow = Rule == AddressRule.Loopback && Carried is null or { Form: EmbeddedIPv4.Mapped }
            ? $"for a receiver on this machine in development, {advice.Loopback}; for a known internal receiver, {advice.Allow}"
            : $"for a known internal receiver, {advice.Allow}";
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Refused to connect to {Address}{carried}{forHost} ({Rule.Name}: {Rule.Why}, {Range}). Webhooks are sent only to public addresses; {allow}.");
        return new WebhookAddressRefusedException(message, Address, Rule.Name);
    }
}

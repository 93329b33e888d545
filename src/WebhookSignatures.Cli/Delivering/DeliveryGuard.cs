using System.CommandLine;
using System.Net;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Cli.Delivering;

/// <summary>
/// The guard against internal addresses for <c>send</c> and <c>replay</c>, from their flags: the library's guard, with
/// <c>--allow-http</c> as its development mode, <c>--allow-address</c> as its allow-list and <c>--proxy</c> as its
/// explicit proxy. No proxy from the environment is ever used.
/// </summary>
internal static class DeliveryGuard
{
    /// <summary>How a refusal tells the user to let a receiver through: with the tool's flags.</summary>
    public static readonly GuardAdvice Advice = new("add --allow-address <address or range>", "add --allow-http");

    /// <summary>What the inspector's resend may reach: the receiver it runs beside, on loopback.</summary>
    public static WebhookSenderOptions LoopbackOnly => new() { AllowHttpToLoopback = true };

    public static Option<bool> AllowHttp() => new("--allow-http", "--allow-loopback")
    {
        Description = "Development mode: allows a receiver on this machine (127.0.0.1, ::1, localhost), over http:// or https://; every other internal address stays refused.",
    };

    public static Option<string[]> AllowAddress() => new("--allow-address")
    {
        Description = "Allows this internal address or range (CIDR, such as 10.1.0.0/16), for a known internal receiver (repeatable). Other private, loopback, link-local and reserved addresses are refused before connecting.",
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "address|cidr",
    };

    public static Option<string?> Proxy() => new("--proxy")
    {
        Description = "Sends through this HTTP proxy, which then resolves names and must refuse internal addresses itself (HTTPS_PROXY and the like are never used).",
        HelpName = "url",
    };

    /// <summary>The guard's options from the flags; a flag that does not parse is a usage error naming it.</summary>
    public static WebhookSenderOptions Read(bool allowLoopback, IEnumerable<string>? allowed, string? proxy)
    {
        var options = new WebhookSenderOptions { AllowHttpToLoopback = allowLoopback };
        foreach (var entry in allowed ?? [])
        {
            try
            {
                options.AddressGuard.Allow(entry);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--allow-address: {e.Message}", e);
            }
        }

        if (proxy is not null)
        {
            // The value is not quoted back: a proxy URL may carry credentials.
            if (!Uri.TryCreate(proxy, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttp || !string.IsNullOrEmpty(address.UserInfo))
            {
                throw new UsageException("--proxy needs an http:// proxy URL such as http://egress.internal:3128, without credentials.");
            }

            options.AddressGuard.Proxy = new WebProxy(address);
        }

        return options;
    }
}

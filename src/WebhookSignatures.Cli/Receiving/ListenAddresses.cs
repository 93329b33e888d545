using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// Checks <c>listen --urls</c> before anything starts: one or more <c>http://</c> or <c>https://</c> addresses with a
/// host (an IP address, a name, or <c>*</c> / <c>+</c> for every interface) and a port, separated by ';', and nothing
/// else: no path, query, fragment or user info, which Kestrel would refuse, ignore or misread.
/// </summary>
internal static class ListenAddresses
{
    public static string Validate(string urls)
    {
        var parts = urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new UsageException("--urls needs at least one address, such as http://127.0.0.1:5080.");
        }

        foreach (var part in parts)
        {
            // Kestrel's "every interface" hosts are not URI hosts: check the rest of the address with one that is.
            var probe = part.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var address)
                || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
                || address.HostNameType == UriHostNameType.Unknown || address.UserInfo.Length > 0
                || address.AbsolutePath != "/" || address.Query.Length > 0 || address.Fragment.Length > 0
                || !probe.Contains("://", StringComparison.Ordinal))
            {
                throw new UsageException(
                    $"--urls needs http:// or https:// addresses with a host and a port and nothing after them, such as http://127.0.0.1:5080 or http://[::1]:0, separated by ';'; '{HiddenCredentials.InUrl(part)}' is not one.");
            }
        }

        return urls;
    }
}

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using StackExchange.Redis;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// Checks <c>listen --redis</c> before anything starts: <c>host:port</c> (a name, an IPv4 address or a bracketed IPv6
/// address, and a port from 1 to 65535), optionally followed by StackExchange.Redis options after a comma.
/// </summary>
internal static partial class RedisAddress
{
    public static string Validate(string text)
    {
        var endpoint = text.Split(',', 2)[0].Trim();
        var match = HostAndPort().Match(endpoint);
        if (!match.Success
            || !int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535
            || (match.Groups["ipv6"].Success && !IPAddress.TryParse(match.Groups["ipv6"].Value, out _)))
        {
            throw new UsageException($"--redis needs host:port, such as 127.0.0.1:6379 or [::1]:6379; got '{HiddenCredentials.InRedisConfiguration(text)}'.");
        }

        try
        {
            ConfigurationOptions.Parse(text);
        }
        catch (ArgumentException e)
        {
            // The client's message quotes the value it could not read, which may be part of a password holding a comma.
            var reason = HiddenCredentials.InRedisConfiguration(text) == text ? ": " + e.Message : " (a password or user name in it is not repeated here)";
            throw new UsageException($"--redis '{HiddenCredentials.InRedisConfiguration(text)}' is not a configuration the Redis client reads{reason}", e);
        }

        return text;
    }

    /// <summary>The configuration as the tool shows it: any password or user name hidden.</summary>
    public static string Display(string text) => HiddenCredentials.InRedisConfiguration(text);

    [GeneratedRegex(@"^(?:\[(?<ipv6>[0-9A-Fa-f:.]+)\]|(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)):(?<port>[0-9]{1,5})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HostAndPort();
}

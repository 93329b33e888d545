using System.Text.RegularExpressions;

namespace WebhookSignatures.Redis;

/// <summary>What in a StackExchange.Redis configuration string is secret, so that no message quotes it.</summary>
internal static partial class RedisConfigurationCredentials
{
    /// <summary>
    /// True when any option, in any position and any case, is <c>password</c> or <c>user</c>, or any part holds an
    /// <c>@</c> (a URL's user info): a message about such a string quotes none of it beyond its endpoints.
    /// </summary>
    public static bool AreIn(string configuration) => configuration.Split(',').Any(IsCredential);

    /// <summary>
    /// True when a part right after <c>password=</c> or <c>user=</c> is neither an option (<c>key=value</c>) nor an
    /// endpoint with its port: the client cannot read a comma in a password, and would take the rest of it for a host
    /// name that its own messages then print.
    /// </summary>
    public static bool SplitCredential(string configuration)
    {
        var parts = configuration.Split(',');
        for (var i = 1; i < parts.Length; i++)
        {
            if (IsCredential(parts[i - 1]) && !parts[i].Contains('=', StringComparison.Ordinal) && !HostAndPort().IsMatch(parts[i].Trim()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCredential(string part)
    {
        var equals = part.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? null : part[..equals].Trim();
        return part.Contains('@', StringComparison.Ordinal)
            || string.Equals(key, "password", StringComparison.OrdinalIgnoreCase)
            || string.Equals(key, "user", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:.]+\]|[^:\s]+):[0-9]{1,5}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HostAndPort();
}

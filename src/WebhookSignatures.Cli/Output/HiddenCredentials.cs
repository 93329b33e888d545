using System.Text.RegularExpressions;

namespace WebhookSignatures.Cli.Output;

/// <summary>
/// Connection strings and URLs as the tool shows them: a password in a URL's user info
/// (<c>scheme://user:password@host</c>), and a Redis configuration's <c>password=</c> and <c>user=</c> values in any
/// position, are replaced by <c>***</c>. Everything the tool prints or logs about a connection goes through here.
/// </summary>
internal static partial class HiddenCredentials
{
    public const string Mask = "***";

    /// <summary>The text with every URL's user info hidden; the text need not be a valid URL.</summary>
    public static string InUrl(string text) => UserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");

    /// <summary>
    /// A StackExchange.Redis configuration string with its <c>password</c> and <c>user</c> values hidden (a password may
    /// itself hold a comma, so everything after <c>password=</c> up to the next option the client knows is hidden),
    /// and the user info of any URL in it.
    /// </summary>
    public static string InRedisConfiguration(string text)
    {
        var shown = new List<string>();
        var hiding = false;
        foreach (var part in InUrl(text).Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? null : part[..equals].Trim();
            if (key is not null && IsCredentialKey(key))
            {
                shown.Add(part[..(equals + 1)] + Mask);
                hiding = true;
            }
            else if (!hiding || (key is not null && KnownKeys.Contains(key)))
            {
                shown.Add(part);
                hiding = false;
            }

            // Otherwise it is still the password, which held a comma.
        }

        return string.Join(',', shown);
    }

    private static bool IsCredentialKey(string key) =>
        key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("user", StringComparison.OrdinalIgnoreCase);

    // The options StackExchange.Redis reads after a comma; an endpoint (host:port) has no '=' at all.
    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "abortConnect", "allowAdmin", "asyncTimeout", "channelPrefix", "checkCertificateRevocation", "clientName", "configCheckSeconds",
        "configChannel", "connectRetry", "connectTimeout", "defaultDatabase", "keepAlive", "name", "password", "user", "proxy",
        "resolveDns", "responseTimeout", "serviceName", "ssl", "sslHost", "sslProtocols", "syncTimeout", "tiebreaker", "version",
        "writeBuffer", "setlib", "protocol", "highPrioritySocketThreads", "heartbeatInterval", "heartbeatConsistencyChecks",
        "tunnel", "library",
    };

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\s]*@", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UserInfo();
}

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
    /// A StackExchange.Redis configuration string as the tool shows it: what comes before its first <c>password</c>
    /// or <c>user</c> option (the endpoints, usually), then those options with their values hidden, and nothing else
    /// after them (a password holding a comma would go on in the parts that follow), with any URL's user info hidden.
    /// </summary>
    public static string InRedisConfiguration(string text)
    {
        var shown = new List<string>();
        var credentials = false;
        foreach (var part in InUrl(text).Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? null : part[..equals].Trim();
            if (key is not null && IsCredentialKey(key))
            {
                shown.Add(key + "=" + Mask);
                credentials = true;
            }
            else if (!credentials)
            {
                shown.Add(part);
            }
        }

        return string.Join(',', shown);
    }

    private static bool IsCredentialKey(string key) =>
        key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("user", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\s]*@", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UserInfo();
}

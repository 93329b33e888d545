namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// The spellings of a URL that a sender may have signed when a receiver sees another: with the other of http and
/// https, with the default port added or any port removed, with a trailing slash added or removed, without the query.
/// Fewest changes first; the text is rewritten, never normalized, as schemes sign the URL exactly as written.
/// </summary>
internal static class RequestUrlVariants
{
    /// <summary>Each variant and what was changed, such as <c>https instead of http, without the port :80</c>.</summary>
    public static IEnumerable<(string Url, string Changes)> Of(string url)
    {
        if (!TrySplit(url, out var parts))
        {
            return [];
        }

        var variants = new List<(string Url, List<string> Changes)>();
        foreach (var (scheme, schemeChange) in Schemes(parts.Scheme))
        {
            foreach (var (port, portChange) in Ports(scheme, parts.Port))
            {
                foreach (var (path, pathChange) in Paths(parts.Path))
                {
                    foreach (var (query, queryChange) in Queries(parts.Query))
                    {
                        List<string> changes = [.. new[] { schemeChange, portChange, pathChange, queryChange }.OfType<string>()];
                        if (changes.Count > 0)
                        {
                            variants.Add(($"{scheme}://{parts.Host}{port}{path}{query}", changes));
                        }
                    }
                }
            }
        }

        return variants.OrderBy(v => v.Changes.Count).Select(v => (v.Url, string.Join(", ", v.Changes))).DistinctBy(v => v.Url);
    }

    private static IEnumerable<(string Scheme, string? Change)> Schemes(string scheme)
    {
        yield return (scheme, null);
        var other = scheme == "https" ? "http" : "https";
        yield return (other, $"{other} instead of {scheme}");
    }

    private static IEnumerable<(string Port, string? Change)> Ports(string scheme, string port)
    {
        yield return (port, null);
        if (port.Length > 0)
        {
            yield return (string.Empty, $"without the port {port}");
        }
        else
        {
            var added = scheme == "https" ? ":443" : ":80";
            yield return (added, $"with the default port {added}");
        }
    }

    private static IEnumerable<(string Path, string? Change)> Paths(string path)
    {
        yield return (path, null);
        if (path.Length > 1 && path.EndsWith('/'))
        {
            yield return (path[..^1], "without the trailing slash");
        }
        else if (!path.EndsWith('/'))
        {
            yield return (path + "/", "with a trailing slash");
        }
    }

    private static IEnumerable<(string Query, string? Change)> Queries(string query)
    {
        yield return (query, null);
        if (query.Length > 0)
        {
            yield return (string.Empty, "without the query");
        }
    }

    /// <summary>Splits an absolute http(s) URL into scheme, host, port (with its colon), path and query (with its '?').</summary>
    private static bool TrySplit(string url, out (string Scheme, string Host, string Port, string Path, string Query) parts)
    {
        parts = default;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var scheme = url[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return false;
        }

        var rest = url[(schemeEnd + 3)..];
        var fragment = rest.IndexOf('#', StringComparison.Ordinal);
        rest = fragment < 0 ? rest : rest[..fragment];
        var authorityEnd = rest.IndexOfAny(['/', '?']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var afterAuthority = authorityEnd < 0 ? string.Empty : rest[authorityEnd..];
        var queryStart = afterAuthority.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? afterAuthority : afterAuthority[..queryStart];
        var query = queryStart < 0 ? string.Empty : afterAuthority[queryStart..];

        // The port follows the last colon after any user information and outside an IPv6 literal.
        var colon = authority.LastIndexOf(':');
        var hasPort = colon > authority.LastIndexOf('@') && colon > authority.LastIndexOf(']');
        parts = (scheme, hasPort ? authority[..colon] : authority, hasPort ? authority[colon..] : string.Empty, path, query);
        return parts.Host.Length > 0;
    }
}

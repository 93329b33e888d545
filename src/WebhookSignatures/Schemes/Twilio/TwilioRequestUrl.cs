using WebhookSignatures.Schemes.RequestSigning;

namespace WebhookSignatures.Schemes.Twilio;

/// <summary>
/// What Twilio's URL means for its signature: the other spelling of the same URL (with or without the default port,
/// since Twilio's own validators try both) and the <c>bodySHA256</c> query parameter of JSON deliveries.
/// </summary>
internal static class TwilioRequestUrl
{
    private const string BodyHashParameter = "bodySHA256=";

    /// <summary>
    /// Writes the URL with the scheme's default port added (<c>:443</c>, <c>:80</c>) when it has none, or removed when it
    /// has exactly that one; false, writing nothing, when there is no other form (another port, another scheme).
    /// </summary>
    public static bool TryWriteOtherPortForm(string url, ref SignedContentBuffer destination)
    {
        if (!TryFindPort(url, out var authorityStart, out var authorityEnd, out var colon, out var defaultPort))
        {
            return false;
        }

        if (colon < 0)
        {
            destination.Append(url.AsSpan(0, authorityEnd));
            destination.Append(defaultPort);
            destination.Append(url.AsSpan(authorityEnd));
            return true;
        }

        if (!url.AsSpan(authorityStart + colon, authorityEnd - authorityStart - colon).Equals(defaultPort, StringComparison.Ordinal))
        {
            return false;
        }

        destination.Append(url.AsSpan(0, authorityStart + colon));
        destination.Append(url.AsSpan(authorityEnd));
        return true;
    }

    // The authority's bounds, the offset of its port's colon within it (-1 without a port) and the scheme's default port.
    private static bool TryFindPort(string url, out int authorityStart, out int authorityEnd, out int colon, out string defaultPort)
    {
        authorityStart = authorityEnd = colon = 0;
        defaultPort = string.Empty;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var scheme = url.AsSpan(0, schemeEnd);
        defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? ":443"
            : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? ":80"
            : string.Empty;
        if (defaultPort.Length == 0)
        {
            return false;
        }

        authorityStart = schemeEnd + 3;
        var authorityLength = url.AsSpan(authorityStart).IndexOfAny('/', '?', '#');
        authorityEnd = authorityLength < 0 ? url.Length : authorityStart + authorityLength;
        var authority = url.AsSpan(authorityStart, authorityEnd - authorityStart);

        // The port follows the last colon that is outside an IPv6 literal and after any user information.
        var hostStart = authority.LastIndexOf('@') + 1;
        var last = authority.LastIndexOf(':');
        colon = last >= hostStart && last > authority.LastIndexOf(']') ? last : -1;
        return true;
    }

    /// <summary>Finds the <c>bodySHA256</c> query parameter's value; false when the query has none.</summary>
    public static bool TryGetBodyHash(string url, out ReadOnlySpan<char> hex)
    {
        hex = default;
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return false;
        }

        var rest = url.AsSpan(query + 1);
        var fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        while (!rest.IsEmpty)
        {
            var amp = rest.IndexOf('&');
            var item = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? default : rest[(amp + 1)..];
            if (item.StartsWith(BodyHashParameter, StringComparison.Ordinal))
            {
                hex = item[BodyHashParameter.Length..];
                return true;
            }
        }

        return false;
    }
}

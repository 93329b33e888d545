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
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var scheme = url.AsSpan(0, schemeEnd);
        var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? ":443"
            : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? ":80"
            : null;
        if (defaultPort is null)
        {
            return false;
        }

        var authorityStart = schemeEnd + 3;
        var authorityLength = url.AsSpan(authorityStart).IndexOfAny('/', '?', '#');
        var authorityEnd = authorityLength < 0 ? url.Length : authorityStart + authorityLength;
        var authority = url.AsSpan(authorityStart, authorityEnd - authorityStart);

        // The port follows the last colon that is outside an IPv6 literal and after any user information.
        var hostStart = authority.LastIndexOf('@') + 1;
        var colon = authority.LastIndexOf(':');
        var hasPort = colon >= hostStart && colon > authority.LastIndexOf(']');
        if (!hasPort)
        {
            destination.Append(url.AsSpan(0, authorityEnd));
            destination.Append(defaultPort);
            destination.Append(url.AsSpan(authorityEnd));
            return true;
        }

        if (!authority[colon..].Equals(defaultPort, StringComparison.Ordinal))
        {
            return false;
        }

        destination.Append(url.AsSpan(0, authorityStart + colon));
        destination.Append(url.AsSpan(authorityEnd));
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

namespace WebhookSignatures.Schemes.HubSpot;

/// <summary>
/// The URI as HubSpot's v3 signature covers it: the URL the request was sent to with these percent-encoded characters
/// decoded, as HubSpot's documentation lists them: <c>%3A</c> <c>:</c>, <c>%2F</c> <c>/</c>, <c>%3F</c> <c>?</c>,
/// <c>%40</c> <c>@</c>, <c>%21</c> <c>!</c>, <c>%24</c> <c>$</c>, <c>%27</c> <c>'</c>, <c>%28</c> <c>(</c>,
/// <c>%29</c> <c>)</c>, <c>%2A</c> <c>*</c>, <c>%2C</c> <c>,</c>, <c>%3B</c> <c>;</c>. Every other character is kept.
/// </summary>
/// <remarks>
/// In the path, <c>%2F</c> and <c>%3F</c> stay encoded: a router reads <c>/a%2Fb</c> as one segment and
/// <c>/a%3Fb</c> as a path without a query, so decoding them would let a delivery signed for <c>/a/b</c> or
/// <c>/a?b</c> verify at another endpoint. The delivery verifies only in the form the router saw; the query keeps
/// HubSpot's decoding.
/// </remarks>
internal static class HubSpotRequestUri
{
    /// <summary>Writes the URL with the listed escapes decoded into <paramref name="destination"/>; returns its length.</summary>
    /// <param name="url">The URL text.</param>
    /// <param name="destination">At least <c>url.Length</c> characters.</param>
    public static int Decode(ReadOnlySpan<char> url, Span<char> destination)
    {
        var written = 0;
        var query = url.IndexOf('?');
        for (var i = 0; i < url.Length; i++)
        {
            if (url[i] == '%' && i + 2 < url.Length && Decoded(url[i + 1], url[i + 2]) is var decoded and not '\0'
                && ((query >= 0 && i > query) || decoded is not ('/' or '?')))
            {
                destination[written++] = decoded;
                i += 2;
                continue;
            }

            destination[written++] = url[i];
        }

        return written;
    }

    private static char Decoded(char high, char low) => (high, char.ToUpperInvariant(low)) switch
    {
        ('3', 'A') => ':',
        ('2', 'F') => '/',
        ('3', 'F') => '?',
        ('4', '0') => '@',
        ('2', '1') => '!',
        ('2', '4') => '$',
        ('2', '7') => '\'',
        ('2', '8') => '(',
        ('2', '9') => ')',
        ('2', 'A') => '*',
        ('2', 'C') => ',',
        ('3', 'B') => ';',
        _ => '\0',
    };
}

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// A request as it arrived, for the inspector, <c>--save</c> and <c>--verbose</c>: the method, the URL, every header in
/// order and the exact body bytes the receiver read.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The URL as received (scheme, the sender's Host header, path and query): text, as a sender wrote part of it.</param>
/// <param name="PathAndQuery">The path and query as received, escaped as on the wire.</param>
/// <param name="Headers">Every header, in the order received; a repeated header is one entry per value.</param>
/// <param name="Body">The bytes read, up to the receiver's body limit.</param>
/// <param name="Truncated">Whether the body was longer than <paramref name="Body"/> (over the limit, or not read at all).</param>
internal sealed record CapturedRequest(string Method, string Url, string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool Truncated)
{
    /// <summary>The method and URL as a request target, for the schemes that sign the request line.</summary>
    public WebhookRequestTarget Target => RequestLine.Parse(Method, Url);
}

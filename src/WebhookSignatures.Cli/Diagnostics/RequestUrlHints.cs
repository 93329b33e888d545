namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// For the schemes that sign the request line (twilio, hubspot, square): a signature over a URL other than the one the
/// delivery was checked with. The URL is varied as proxies and frameworks change it (the default port added or
/// removed, http for https and back, a trailing slash, the query dropped) and verified again; only a URL that verifies
/// is named.
/// </summary>
internal static class RequestUrlHints
{
    public static IEnumerable<string> Matching(CheckedDelivery delivery)
    {
        if (!delivery.Scheme.SignsRequestTarget || delivery.Target is not { IsNone: false, Method: { } method, Url: { } url })
        {
            yield break;
        }

        var received = url.OriginalString;
        foreach (var (variant, changes) in RequestUrlVariants.Of(received))
        {
            if (!Uri.TryCreate(variant, UriKind.Absolute, out var other))
            {
                continue;
            }

            var result = delivery.Scheme.Verify(new WebhookDelivery(delivery.Headers, delivery.Body, new WebhookRequestTarget(method, other)), delivery.Keys);
            if (result.IsValid || result.MatchedKeyIndex.HasValue)
            {
                yield return $"The signature matches the URL {variant} ({changes}), not {received}, the URL it was checked with: "
                    + "the sender signed the URL as configured there. Verify with that URL (--url), or set the receiver's public URL (PublicBaseUrl behind a proxy).";
                yield break;
            }
        }
    }
}

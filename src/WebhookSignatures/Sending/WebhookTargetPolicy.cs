namespace WebhookSignatures.Sending;

/// <summary>Which URLs a webhook may be sent to: HTTPS, or plain HTTP to loopback when explicitly allowed.</summary>
internal static class WebhookTargetPolicy
{
    /// <summary>Throws an <see cref="InvalidOperationException"/> explaining why <paramref name="target"/> is refused.</summary>
    public static void EnsureAllowed(Uri? target, bool allowHttpToLoopback)
    {
        if (target is null || !target.IsAbsoluteUri)
        {
            throw new InvalidOperationException("A webhook needs an absolute https:// URL to be sent to.");
        }

        if (target.Scheme == Uri.UriSchemeHttps)
        {
            return;
        }

        // Only scheme, host and port go into the message: a URL's path or query may carry a token.
        var where = $"{target.Scheme}://{target.Host}:{target.Port}";
        if (target.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"Webhooks are sent over HTTPS only; {where} is not an https:// URL.");
        }

        if (!target.IsLoopback)
        {
            throw new InvalidOperationException(
                $"Webhooks are sent over HTTPS only; {where} is plain HTTP to a non-loopback host. Plain HTTP is allowed only to loopback addresses, and only when AllowHttpToLoopback is set.");
        }

        if (!allowHttpToLoopback)
        {
            throw new InvalidOperationException(
                $"Webhooks are sent over HTTPS only; {where} is plain HTTP. For a loopback receiver in development, set AllowHttpToLoopback.");
        }
    }
}

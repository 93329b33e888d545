using System.Net;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Delivering;

/// <summary>
/// Where <c>send</c> and <c>replay</c> post: an absolute https:// URL, or http:// to a loopback address with
/// <c>--allow-http</c>. Errors name the flags, so the user knows what to type.
/// </summary>
internal static class DeliveryTarget
{
    public static Uri Read(string text, string option, bool allowHttp)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"{option} needs an absolute https:// URL such as https://hooks.example.com/in (webhooks go over HTTPS); got '{HiddenCredentials.InUrl(text)}'.");
        }

        if (target.Scheme == Uri.UriSchemeHttp)
        {
            if (!IsLoopback(target))
            {
                throw new UsageException($"{option} {HiddenCredentials.InUrl(target.GetLeftPart(UriPartial.Authority))} is plain HTTP to a host that is not loopback: webhooks go over HTTPS; http:// is allowed only to 127.0.0.1, ::1 or localhost, with --allow-http.");
            }

            if (!allowHttp)
            {
                throw new UsageException($"{option} {HiddenCredentials.InUrl(target.GetLeftPart(UriPartial.Authority))} is plain HTTP: webhooks go over HTTPS. For a loopback receiver in development, add --allow-http.");
            }
        }

        return target;
    }

    private static bool IsLoopback(Uri target) =>
        target.IsLoopback || (IPAddress.TryParse(target.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}

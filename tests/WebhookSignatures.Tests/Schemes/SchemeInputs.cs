using System.Globalization;
using System.Text;
using WebhookSignatures.Schemes.Linear;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>
/// What a test passes every catalog scheme so that each can sign and verify: the request line (ignored by the schemes
/// that do not sign it) and, for Linear, the signed timestamp its bodies carry.
/// </summary>
public static class SchemeInputs
{
    public static readonly Uri Url = new("https://hooks.example.com/webhooks/in?tenant=acme", UriKind.Absolute);

    public static WebhookRequestTarget Target => WebhookRequestTarget.Post(Url);

    /// <summary>A JSON object as the scheme's sender writes it: Linear adds <c>webhookTimestamp</c> as its last member.</summary>
    public static byte[] JsonBody(string scheme, byte[] jsonObject, DateTimeOffset at)
    {
        if (scheme != LinearSignature.SchemeName)
        {
            return jsonObject;
        }

        var text = Encoding.UTF8.GetString(jsonObject);
        var close = text.LastIndexOf('}');
        var separator = text[..close].TrimEnd().EndsWith('{') ? string.Empty : ",";
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{text[..close]}{separator}\"webhookTimestamp\":{at.ToUnixTimeMilliseconds()}{text[close..]}"));
    }
}

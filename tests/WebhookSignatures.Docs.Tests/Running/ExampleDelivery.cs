using System.Net.Http.Headers;
using System.Text;

namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>
/// One delivery a <see cref="ReceivingCheck"/> describes, signed by the scheme's own <c>Sign</c> for the URL it is
/// sent to (or the one the example pins), ready to be sent as signed or tampered, as often as a check needs.
/// </summary>
internal sealed class ExampleDelivery
{
    private readonly ReceivingCheck _check;
    private readonly Uri _url;
    private readonly SignedWebhook? _signed;
    private readonly byte[] _body;

    private ExampleDelivery(ReceivingCheck check, Uri url, SignedWebhook? signed, byte[] body)
    {
        _check = check;
        _url = url;
        _signed = signed;
        _body = body;
    }

    /// <summary>The answer the scheme itself gives to this delivery as a handshake, for <c>answer=handshake</c>.</summary>
    public WebhookHandshakeResponse? Handshake { get; private init; }

    /// <summary>Signs the check's body with <paramref name="key"/> for the example listening at <paramref name="address"/>.</summary>
    public static ExampleDelivery Create(ReceivingCheck check, ExampleKey? key, Uri address)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(address);
        var url = new Uri(address, check.Path);
        var body = Encoding.UTF8.GetBytes(check.Body);
        if (key is null)
        {
            return new ExampleDelivery(check, url, signed: null, body);
        }

        var target = new WebhookRequestTarget(check.Method, check.SignedUrl ?? url);
        var signed = key.Scheme.Sign(body, key.Signing, new WebhookSigningParameters { Target = target });
        var verified = key.Scheme.Verify(new WebhookDelivery(signed.Headers, signed.Body.Span, target), key.Signing, WebhookReadParts.Handshake);
        return new ExampleDelivery(check, url, signed, signed.Body.ToArray())
        {
            Handshake = verified.Handshake,
        };
    }

    /// <summary>The request as signed.</summary>
    public HttpRequestMessage Signed() => Request(_body);

    /// <summary>The same request with one character of the body changed: a letter or digit, so that JSON stays JSON.</summary>
    public HttpRequestMessage Tampered()
    {
        if (_body.Length == 0)
        {
            throw new InvalidOperationException($"'{_check}': an empty body has no byte to change; give body=.");
        }

        var body = (byte[])_body.Clone();
        var at = Array.FindIndex(body, b => char.IsAsciiLetterOrDigit((char)b));
        at = at < 0 ? body.Length - 1 : at;
        body[at] = body[at] switch
        {
            (byte)'z' => (byte)'y',
            (byte)'Z' => (byte)'Y',
            (byte)'9' => (byte)'8',
            var b => (byte)(b + 1),
        };
        return Request(body);
    }

    private HttpRequestMessage Request(byte[] body)
    {
        var request = new HttpRequestMessage(new HttpMethod(_check.Method), _url);
        if (_check.Method != "GET")
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(_check.ContentType);
        }

        var headers = new List<KeyValuePair<string, string>>(_signed?.Headers ?? []);
        if (_check.RenamedHeader is var (from, to))
        {
            headers = [.. headers.Select(h => string.Equals(h.Key, from, StringComparison.OrdinalIgnoreCase) ? new KeyValuePair<string, string>(to, h.Value) : h)];
        }

        foreach (var (name, value) in _check.Headers)
        {
            headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
            headers.Add(new(name, value));
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}

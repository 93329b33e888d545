using System.Text;
using System.Text.Json;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Delivering;

/// <summary>
/// <c>send --event</c> with a handshake (Slack's <c>url_verification</c>, Zoom's <c>endpoint.url_validation</c>,
/// Twitch's <c>webhook_callback_verification</c>): the answer the sender expects, computed by the library from the
/// signed delivery, and a check of the receiver's answer against it.
/// </summary>
internal sealed class HandshakeAnswer
{
    // Enough for any challenge answer; a longer response is not one.
    private const int MaxAnswerBytes = 64 * 1024;

    private const int ShownCharacters = 200;

    // Marks a member that is a string: no JSON text starts with it.
    private const string StringValue = "string:";

    private readonly WebhookHandshakeResponse _expected;

    private HandshakeAnswer(WebhookHandshakeResponse expected) => _expected = expected;

    /// <summary>What the scheme's sender expects back for the signed delivery; null when the body is no handshake.</summary>
    public static HandshakeAnswer? Expect(WebhookScheme scheme, KeyRing keys, SignedWebhook signed, IEnumerable<KeyValuePair<string, string>> headers, Uri target)
    {
        var sent = new WebhookHeaders();
        foreach (var (name, value) in headers)
        {
            sent.Add(name, value);
        }

        var result = scheme.Verify(new WebhookDelivery(sent, signed.Body.Span, WebhookRequestTarget.Post(target)), keys, WebhookReadParts.Handshake);
        return result.Handshake is { } expected ? new HandshakeAnswer(expected) : null;
    }

    /// <summary>Reads the receiver's answer, prints it (escaped, shortened) and whether the sender would accept it.</summary>
    public async Task<bool> CheckAsync(TextWriter output, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var answer = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(answer);
        await output.WriteLineAsync($"  answer: {Show(text)}").ConfigureAwait(false);
        var accepted = response.IsSuccessStatusCode && Accepts(text);
        await output.WriteLineAsync(accepted
            ? "  the handshake answer is the one the sender expects."
            : $"  the sender expects a 2xx answer with: {Show(Encoding.UTF8.GetString(_expected.Body.Span))} ({_expected.ContentType})").ConfigureAwait(false);
        return accepted;
    }

    /// <summary>
    /// The exact expected text; or, for a plain-text challenge, a JSON object with it as <c>challenge</c> (Slack takes
    /// either); or, for a JSON answer, an object with each expected member's value, in any order.
    /// </summary>
    private bool Accepts(string answer)
    {
        var expected = Encoding.UTF8.GetString(_expected.Body.Span);
        if (answer == expected)
        {
            return true;
        }

        if (_expected.ContentType == WebhookHandshakeResponse.PlainTextContentType)
        {
            return Members(answer) is { } members && members.TryGetValue("challenge", out var challenge) && challenge == StringValue + expected;
        }

        return Members(expected) is { Count: > 0 } wanted && Members(answer) is { } given
            && wanted.All(member => given.TryGetValue(member.Key, out var value) && value == member.Value);
    }

    /// <summary>
    /// A JSON object's members, a string as its value after <see cref="StringValue"/> (so escapes do not matter) and
    /// anything else as its JSON text; null when the text is not a JSON object.
    /// </summary>
    private static Dictionary<string, string>? Members(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                members[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? StringValue + property.Value.GetString()
                    : property.Value.GetRawText();
            }

            return members;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxAnswerBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return buffer[..length];
        }
    }

    private static string Show(string text) => TerminalText.Escape(text.Length > ShownCharacters ? text[..ShownCharacters] + "…" : text) ?? string.Empty;
}

using System.Globalization;
using System.Text;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// The inspector's "copy as webhooksig verify command": a bash command line that feeds the exact body bytes (base64,
/// decoded by <c>base64 -d</c>) and the delivery's headers to <c>verify</c>, as of when it arrived. The secret is read
/// from <c>$WEBHOOK_SECRET</c>, never written into the command. For a scheme that signs the request line (twilio,
/// hubspot, square) it gives the method and URL the delivery arrived on as <c>--method</c> and <c>--url</c>.
/// </summary>
internal static class VerifyCommandLine
{
    public const string SecretVariable = "WEBHOOK_SECRET";

    // Headers about the connection or the client, which no scheme reads.
    private static readonly HashSet<string> Left = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Keep-Alive", "Accept", "Accept-Encoding",
        "User-Agent", "Expect", "TE", "Trailer", "Upgrade", "Authorization", "Proxy-Authorization", "Cookie", "traceparent", "tracestate",
    };

    public static string Create(WebhookSchemeCatalog schemes, string? scheme, IEnumerable<KeyValuePair<string, string>> headers, byte[] body, DateTimeOffset receivedAt, WebhookRequestTarget target, IReadOnlyList<string> secrets)
    {
        var command = new StringBuilder()
            .Append("printf '%s' ").Append(Quote(Convert.ToBase64String(body))).Append(" | base64 -d | webhooksig verify --scheme ")
            .Append(Quote(scheme ?? "<scheme>"))
            .Append(" --secret-env ").Append(SecretVariable)
            .Append(CultureInfo.InvariantCulture, $" --now {receivedAt.ToUnixTimeMilliseconds()}");
        if (scheme is not null && schemes.TryGet(scheme, out var descriptor) && descriptor.Default.SignsRequestTarget && !target.IsNone)
        {
            command.Append(" \\\n  --url ").Append(Quote(target.Url!.OriginalString)).Append(" --method ").Append(Quote(target.Method!));
        }

        foreach (var (name, value) in headers)
        {
            if (Left.Contains(name))
            {
                continue;
            }

            // A header that is the secret itself (GitLab's token) is written as the variable, never as its value.
            command.Append(" \\\n  --header ").Append(secrets.Contains(value, StringComparer.Ordinal) && name.All(IsTokenCharacter)
                ? $"\"{name}: ${{{SecretVariable}}}\""
                : Quote($"{name}: {value}"));
        }

        return CliInputs.Redact(command.Append(" \\\n  --body-file -").ToString(), secrets);
    }

    private static bool IsTokenCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    /// <summary>
    /// Quotes for bash: in single quotes when the text is printable ASCII, else as <c>$'…'</c> with every other
    /// character escaped, so pasting the command never puts a control character in the terminal.
    /// </summary>
    public static string Quote(string text)
    {
        if (text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/'))
        {
            return text;
        }

        if (text.All(c => c is >= ' ' and < '\x7f'))
        {
            return "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        }

        var quoted = new StringBuilder("$'");
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is '\\' or '\'')
            {
                quoted.Append('\\').Append((char)value);
            }
            else if (value is >= ' ' and < 0x7f)
            {
                quoted.Append((char)value);
            }
            else
            {
                // As UTF-8 bytes: bash writes \xHH as the byte, so the header is what arrived.
                var length = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..length])
                {
                    quoted.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
                }
            }
        }

        return quoted.Append('\'').ToString();
    }
}

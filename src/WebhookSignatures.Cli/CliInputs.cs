using System.Text;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli;

/// <summary>Reads what the options point at: body files, secrets and header lines.</summary>
internal static class CliInputs
{
    /// <summary>Reads a body as raw bytes from a file or, for <c>-</c>, standard input.</summary>
    public static async Task<byte[]> ReadBodyAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            await using var input = context.OpenStandardInput();
            using var buffer = new MemoryStream();
            await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }

        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"Cannot read the body file '{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// The secrets in ring order: each <c>--secret</c>, then each <c>--secret-env</c> variable. One that is empty or
    /// only whitespace is a usage error; one with whitespace at either end is used as given (trimming would change the
    /// key) with a warning on standard error naming its position and source, never its value.
    /// </summary>
    public static List<string> ReadSecrets(CliContext context, IEnumerable<string>? secrets, IEnumerable<string>? variables)
    {
        var result = new List<string>();
        foreach (var secret in secrets ?? [])
        {
            if (string.IsNullOrWhiteSpace(secret))
            {
                throw new UsageException($"Secret #{result.Count} is empty or only whitespace.");
            }

            WarnAboutWhitespace(context, secret, result.Count, "--secret");
            result.Add(secret);
        }

        foreach (var variable in variables ?? [])
        {
            var value = context.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new UsageException($"The environment variable '{variable}' (for --secret-env) is not set, empty or only whitespace.");
            }

            WarnAboutWhitespace(context, value, result.Count, "--secret-env " + variable);
            result.Add(value);
        }

        return result;
    }

    private static void WarnAboutWhitespace(CliContext context, string secret, int position, string source)
    {
        if (SecretWhitespace.Describe(secret) is { } where)
        {
            context.Error.WriteLine(
                $"warning: secret #{position} ({TerminalText.Escape(source)}) {where}; it is part of the key and used as given (a secret read from a file or a variable often carries whitespace the sender's does not).");
        }
    }

    /// <summary>Builds the scheme's key ring, reporting a badly formatted secret by position, never by value.</summary>
    public static KeyRing CreateKeyRing(WebhookScheme scheme, IReadOnlyList<string> secrets)
    {
        try
        {
            return scheme.CreateKeyRing(secrets);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"A secret is not in the format the {scheme.Name} scheme expects: {Explain(e, secrets)}", e);
        }
    }

    /// <summary>The request line from <c>--url</c> and <c>--method</c>; <see cref="WebhookRequestTarget.None"/> without a URL.</summary>
    public static WebhookRequestTarget ReadRequestTarget(string? url, string? method)
    {
        if (url is null)
        {
            return WebhookRequestTarget.None;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException($"--url expects an absolute http or https URL, exactly as the sender called it; got \"{HiddenCredentials.InUrl(url)}\".");
        }

        if (string.IsNullOrEmpty(method) || method.Any(c => c <= ' ' || c >= 0x7f))
        {
            throw new UsageException($"--method expects an HTTP method such as POST; got \"{method}\".");
        }

        return new WebhookRequestTarget(method, parsed);
    }

    /// <summary>Parses <c>Name: value</c> lines into headers; the value is trimmed as HTTP trims it.</summary>
    public static WebhookHeaders ParseHeaders(IEnumerable<string>? lines)
    {
        var headers = new WebhookHeaders();
        foreach (var line in lines ?? [])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? line[..colon].Trim() : string.Empty;
            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 0x7f))
            {
                throw new UsageException($"--header expects \"Name: value\"; got \"{line}\".");
            }

            headers.Add(name, line[(colon + 1)..].Trim(' ', '\t'));
        }

        return headers;
    }

    /// <summary>
    /// An argument error's message for the user: without the parameter-name suffix, and with every secret replaced,
    /// should a library message ever quote one.
    /// </summary>
    public static string Explain(ArgumentException e, IEnumerable<string> secrets)
    {
        var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
        return Redact(message, secrets);
    }

    /// <summary>Replaces every secret in a message, should a library message ever quote one.</summary>
    public static string Redact(string message, IEnumerable<string> secrets)
    {
        var builder = new StringBuilder(message);
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                builder.Replace(secret, "***");
            }
        }

        return builder.ToString();
    }
}

using Microsoft.AspNetCore.Routing.Patterns;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// Checks <c>listen --path</c> before anything starts: a literal path (no route parameters, query, fragment, escapes,
/// spaces or empty segments), so the receiver routes exactly the path given.
/// </summary>
internal static class ReceivingPath
{
    public static string Validate(string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new UsageException($"--path must start with '/'; got '{path}'.");
        }

        var wrong = path.FirstOrDefault(c => c <= ' ' || c == '\x7f' || c is '{' or '}' or '?' or '#' or '%' or '\\');
        if (wrong != default || path.Contains("//", StringComparison.Ordinal))
        {
            throw new UsageException(
                $"--path must be a literal path such as /webhooks/github: no route parameters ('{{', '}}'), '?', '#', '%', '\\', spaces, control characters or empty segments; got '{path}'.");
        }

        try
        {
            RoutePatternFactory.Parse(path);
        }
        catch (RoutePatternException e)
        {
            throw new UsageException($"--path '{path}' is not a path the receiver can route: {e.Message}", e);
        }

        return path;
    }
}

using System.Globalization;

namespace WebhookSignatures.Cli.Output;

/// <summary>Says what whitespace a secret has at its ends, without showing the secret.</summary>
internal static class SecretWhitespace
{
    /// <summary>"starts with a space", "ends with a line break", both, or null when neither end is whitespace.</summary>
    public static string? Describe(string secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var ends = new List<string>(2);
        if (char.IsWhiteSpace(secret[0]))
        {
            ends.Add("starts with " + Kind(secret[0]));
        }

        if (char.IsWhiteSpace(secret[^1]))
        {
            ends.Add("ends with " + Kind(secret[^1]));
        }

        return ends.Count == 0 ? null : string.Join(" and ", ends);
    }

    private static string Kind(char c) => c switch
    {
        '\n' or '\r' => "a line break",
        '\t' => "a tab",
        ' ' => "a space",
        _ => string.Create(CultureInfo.InvariantCulture, $"whitespace (U+{(int)c:X4})"),
    };
}

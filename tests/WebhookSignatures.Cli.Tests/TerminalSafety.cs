namespace WebhookSignatures.Cli.Tests;

/// <summary>What must never reach the operator's terminal raw: the characters <c>TerminalText</c> escapes.</summary>
internal static class TerminalSafety
{
    /// <summary>C0, DEL and C1 controls, bidirectional marks, embeddings, overrides and isolates, line and paragraph separators.</summary>
    public static bool IsUnsafe(char c) =>
        c is <= '\u001f' or (>= '\u007f' and <= '\u009f') or '\u061c' or '\u200e' or '\u200f'
            or (>= '\u2028' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    /// <summary>The unsafe characters in printed output, as code points, apart from its own line breaks.</summary>
    public static IEnumerable<string> RawControlCharacters(string output) =>
        output.Replace(Environment.NewLine, "\n", StringComparison.Ordinal)
            .Where(c => c != '\n' && IsUnsafe(c))
            .Select(c => $"U+{(int)c:X4}");
}

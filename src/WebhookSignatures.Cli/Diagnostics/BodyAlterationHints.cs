namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// Hints about a body changed after signing: line endings converted, a final line break added or lost, JSON
/// re-serialized (spacing, string escaping, key order). A change is named as the cause only when the body without it
/// verifies; a body that merely looks changed (indented JSON, say, which Stripe really sends) is never blamed.
/// </summary>
internal static class BodyAlterationHints
{
    /// <summary>Each undone change with which the received signature verifies.</summary>
    public static IEnumerable<string> Matching(CheckedDelivery delivery)
    {
        foreach (var (altered, what) in Alternatives(delivery.Body))
        {
            if (delivery.SignatureMatches(delivery.Scheme, altered, delivery.Keys))
            {
                yield return $"The signature matches the body {what}: the bytes were changed after signing. Verify the raw bytes as received.";
                yield break;
            }
        }
    }

    /// <summary>What the body shows of a change that did not undo cleanly enough to verify.</summary>
    public static IEnumerable<string> Suspected(CheckedDelivery delivery)
    {
        var body = delivery.Body;
        if (body.AsSpan().IndexOf("\r\n"u8) >= 0)
        {
            yield return "The body has CRLF (\\r\\n) line endings. Senders sign what they send; an editor, git's autocrlf or a copy from a terminal may have changed them.";
        }

        if (body.Length > 0 && body[^1] == (byte)'\n')
        {
            yield return "The body ends with a line break. Editors and 'echo' add one; capture the body with the exact bytes received.";
        }
    }

    private static List<(byte[] Body, string What)> Alternatives(byte[] body)
    {
        var alternatives = new List<(byte[] Body, string What)>();
        var span = body.AsSpan();
        if (span.IndexOf("\r\n"u8) >= 0)
        {
            alternatives.Add((Replace(body, "\r\n"u8, "\n"u8), "with LF instead of CRLF line endings"));
        }
        else if (span.IndexOf((byte)'\n') >= 0)
        {
            alternatives.Add((Replace(body, "\n"u8, "\r\n"u8), "with CRLF instead of LF line endings"));
        }

        var trimmed = span.TrimEnd("\r\n"u8);
        if (trimmed.Length != span.Length)
        {
            alternatives.Add((trimmed.ToArray(), "without its final line break"));
        }
        else
        {
            alternatives.Add(([.. body, (byte)'\n'], "with a final line break (the copy received lost the one that was signed)"));
        }

        if (JsonTree.TryParse(body) is { } tree)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { Convert.ToBase64String(body) };
            foreach (var rewrite in JsonRewrite.All())
            {
                var candidate = rewrite.Write(tree, body);
                if (seen.Add(Convert.ToBase64String(candidate)))
                {
                    alternatives.Add((candidate, $"{rewrite.Describe()}: it was re-serialized after signing"));
                }
            }
        }

        return alternatives;
    }

    private static byte[] Replace(byte[] body, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        using var buffer = new MemoryStream(body.Length);
        var rest = body.AsSpan();
        int at;
        while ((at = rest.IndexOf(from)) >= 0)
        {
            buffer.Write(rest[..at]);
            buffer.Write(to);
            rest = rest[(at + from.Length)..];
        }

        buffer.Write(rest);
        return buffer.ToArray();
    }
}

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// One HTML comment above a documented block that says how the test runs it: <c>&lt;!-- run: key=value … --&gt;</c>, or
/// <c>&lt;!-- not run: why --&gt;</c> for a program that cannot run here. Values with spaces or quotes are written in
/// single quotes (<c>body='{"type":1}'</c>); words are separated by spaces or line breaks; a key may repeat
/// (<c>header=</c>). The keys are listed in <see cref="ReceivingCheck"/> and <see cref="SendingCheck"/>.
/// </summary>
public sealed class RunAnnotation
{
    private const string RunPrefix = "run:";
    private const string NotRunPrefix = "not run:";

    private RunAnnotation(string text, IReadOnlyList<KeyValuePair<string, string>> values, string? notRunReason)
    {
        Text = text;
        Values = values;
        NotRunReason = notRunReason;
    }

    /// <summary>The comment as written, without its <c>&lt;!--</c> and <c>--&gt;</c>.</summary>
    public string Text { get; }

    /// <summary>The key/value words of a <c>run:</c> comment, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values { get; }

    /// <summary>Why the block is not run, for a <c>not run:</c> comment; <see langword="null"/> for a <c>run:</c> one.</summary>
    public string? NotRunReason { get; }

    /// <summary>Whether a comment is one of these (the others are left alone).</summary>
    public static bool IsOne(string comment) =>
        comment.StartsWith(RunPrefix, StringComparison.Ordinal) || comment.StartsWith(NotRunPrefix, StringComparison.Ordinal);

    /// <summary>Reads a comment; a word that is not <c>key=value</c>, or an unclosed quote, throws with the comment in the message.</summary>
    /// <exception cref="FormatException">The comment is not one of these, or is malformed.</exception>
    public static RunAnnotation Parse(string comment)
    {
        if (comment.StartsWith(NotRunPrefix, StringComparison.Ordinal))
        {
            var reason = comment[NotRunPrefix.Length..].Trim();
            return reason.Length == 0
                ? throw new FormatException($"'{comment}': say why the block is not run.")
                : new RunAnnotation(comment, [], reason);
        }

        if (!comment.StartsWith(RunPrefix, StringComparison.Ordinal))
        {
            throw new FormatException($"'{comment}' is neither 'run:' nor 'not run:'.");
        }

        var values = new List<KeyValuePair<string, string>>();
        var text = comment[RunPrefix.Length..];
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            var equals = text.IndexOf('=', i);
            var space = IndexOfWhiteSpace(text, i);
            if (equals < 0 || (space >= 0 && space < equals) || equals == i)
            {
                throw new FormatException($"'{comment}': '{text[i..(space < 0 ? text.Length : space)]}' is not key=value.");
            }

            var key = text[i..equals];
            i = equals + 1;
            string value;
            if (i < text.Length && text[i] == '\'')
            {
                var close = text.IndexOf('\'', i + 1);
                if (close < 0)
                {
                    throw new FormatException($"'{comment}': the quote after {key}= is not closed.");
                }

                value = text[(i + 1)..close];
                i = close + 1;
                if (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    throw new FormatException($"'{comment}': a space must follow the quoted value of {key}.");
                }
            }
            else
            {
                var end = IndexOfWhiteSpace(text, i);
                value = text[i..(end < 0 ? text.Length : end)];
                i = end < 0 ? text.Length : end;
            }

            values.Add(new(key, value));
        }

        return values.Count == 0
            ? throw new FormatException($"'{comment}' says nothing to run.")
            : new RunAnnotation(comment, values, notRunReason: null);
    }

    /// <summary>The one value of <paramref name="key"/>, or <see langword="null"/>; a key given twice throws.</summary>
    /// <exception cref="FormatException"><paramref name="key"/> is given more than once.</exception>
    public string? One(string key)
    {
        var found = Values.Where(v => v.Key == key).Select(v => v.Value).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new FormatException($"'{Text}': {key}= is given {found.Count} times."),
        };
    }

    /// <summary>Every value of <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<string> All(string key) => [.. Values.Where(v => v.Key == key).Select(v => v.Value)];

    /// <summary>Throws unless every key is one of <paramref name="known"/>, so that a misspelt key fails instead of being ignored.</summary>
    /// <exception cref="FormatException">A key is not known.</exception>
    public void RequireKnownKeys(IReadOnlyCollection<string> known)
    {
        if (Values.FirstOrDefault(v => !known.Contains(v.Key)) is { Key: not null } unknown)
        {
            throw new FormatException($"'{Text}': {unknown.Key}= is not a key here; the keys are {string.Join(", ", known)}.");
        }
    }

    /// <summary>A status code value of <paramref name="key"/>, or <see langword="null"/>.</summary>
    /// <exception cref="FormatException">The value is not a status code.</exception>
    public int? Status(string key) => One(key) switch
    {
        null => null,
        var text when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 599 => status,
        var text => throw new FormatException($"'{Text}': {key}={text} is not an HTTP status code."),
    };

    /// <inheritdoc />
    public override string ToString() => Text;

    private static int IndexOfWhiteSpace(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

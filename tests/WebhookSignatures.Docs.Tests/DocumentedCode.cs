using System.Text.RegularExpressions;

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// One C# block of the README or a page under docs/. A block whose fence reads <c>```csharp fragment</c> shows part of
/// a program (it uses names it does not declare) and is not compiled; every other block is a whole file.
/// <see cref="Notes"/> are the HTML comments right above the fence (<c>&lt;!-- run: … --&gt;</c>), which readers of the
/// rendered page do not see: they say how the test runs the block (<see cref="RunAnnotation"/>).
/// </summary>
public sealed record DocumentedCode(string File, int Line, string Code, bool IsFragment, IReadOnlyList<string> Notes)
{
    private static readonly Regex Fence = new(@"^```(?<info>[^\n]*)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
    private static readonly Regex RunComment = new(@"^[ \t]*<!--\s*(run|not run):", RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));

    /// <summary>The repository's root: the folder above the tests that holds the solution.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>README.md and every page under docs/, relative to <see cref="Root"/>.</summary>
    public static IReadOnlyList<string> Pages { get; } = FindPages();

    /// <summary>Every C# block of README.md and docs/*.md.</summary>
    public static IReadOnlyList<DocumentedCode> All { get; } = Load();

    /// <summary>The block called <paramref name="where"/> (<c>file:line</c>, as <see cref="ToString"/> writes it).</summary>
    public static DocumentedCode At(string where) => All.Single(b => b.ToString() == where);

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";

    /// <summary>The HTML comments that end right above <paramref name="fenceIndex"/>, blank lines allowed between them, top first.</summary>
    public static IReadOnlyList<string> CommentsAbove(string text, int fenceIndex)
    {
        var comments = new List<string>();
        var before = text.AsSpan(0, fenceIndex).TrimEnd();
        while (before.EndsWith("-->", StringComparison.Ordinal))
        {
            var start = before.LastIndexOf("<!--", StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            comments.Insert(0, before[(start + "<!--".Length)..^"-->".Length].Trim().ToString());
            before = before[..start].TrimEnd();
        }

        return comments;
    }

    /// <summary>
    /// How many <c>run:</c> and <c>not run:</c> comments a page holds: those that begin a line outside code blocks
    /// (a page may show one as an example, in a code block or inline).
    /// </summary>
    public static int CountRunComments(string text)
    {
        var prose = Fence.Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), string.Empty);
        return RunComment.Count(prose);
    }

    private static List<string> FindPages()
    {
        var files = new List<string> { Path.Combine(Root, "README.md") };
        var docs = Path.Combine(Root, "docs");
        if (Directory.Exists(docs))
        {
            files.AddRange(Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        }

        return [.. files.Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))];
    }

    private static List<DocumentedCode> Load()
    {
        var blocks = new List<DocumentedCode>();
        foreach (var file in Pages)
        {
            var text = System.IO.File.ReadAllText(Path.Combine(Root, file)).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (Match match in Fence.Matches(text))
            {
                var info = match.Groups["info"].Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (info.Length == 0 || info[0] is not ("csharp" or "cs" or "c#"))
                {
                    continue;
                }

                var line = text.AsSpan(0, match.Index).Count('\n') + 1;
                blocks.Add(new DocumentedCode(
                    file,
                    line,
                    match.Groups["code"].Value,
                    info.Contains("fragment"),
                    CommentsAbove(text, match.Index)));
            }
        }

        return blocks;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "WebhookSignatures.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with WebhookSignatures.sln) is not above the test's folder.");
    }
}

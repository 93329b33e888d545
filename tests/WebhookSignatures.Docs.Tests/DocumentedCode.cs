using System.Text.RegularExpressions;

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// One C# block of the README or a page under docs/. A block whose fence reads <c>```csharp fragment</c> shows part of
/// a program (it uses names it does not declare) and is not compiled; every other block is a whole file.
/// </summary>
public sealed record DocumentedCode(string File, int Line, string Code, bool IsFragment)
{
    private static readonly Regex Fence = new(@"^```(?<info>[^\n]*)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));

    /// <summary>The repository's root: the folder above the tests that holds the solution.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every C# block of README.md and docs/*.md.</summary>
    public static IReadOnlyList<DocumentedCode> All { get; } = Load();

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";

    private static List<DocumentedCode> Load()
    {
        var files = new List<string> { Path.Combine(Root, "README.md") };
        var docs = Path.Combine(Root, "docs");
        if (Directory.Exists(docs))
        {
            files.AddRange(Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        }

        var blocks = new List<DocumentedCode>();
        foreach (var file in files)
        {
            var text = System.IO.File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (Match match in Fence.Matches(text))
            {
                var info = match.Groups["info"].Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (info.Length == 0 || info[0] is not ("csharp" or "cs" or "c#"))
                {
                    continue;
                }

                var line = text.AsSpan(0, match.Index).Count('\n') + 1;
                blocks.Add(new DocumentedCode(Path.GetRelativePath(Root, file), line, match.Groups["code"].Value, info.Contains("fragment")));
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

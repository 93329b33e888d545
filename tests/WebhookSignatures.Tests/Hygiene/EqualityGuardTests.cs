using System.Xml.Linq;

namespace WebhookSignatures.Tests.Hygiene;

/// <summary>
/// The build bans ordinary equality on signature material (BannedSymbols.txt, enforced as errors for the
/// schemes and cryptography folders by .editorconfig). These tests keep that guard from being switched off quietly.
/// </summary>
public sealed class EqualityGuardTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_banned_list_covers_string_equality_and_sequence_comparison()
    {
        var banned = File.ReadAllText(Path.Combine(Root, "src", "WebhookSignatures", "BannedSymbols.txt"));

        banned.Should().Contain("M:System.String.op_Equality(System.String,System.String)")
            .And.Contain("M:System.String.Equals(System.String,System.String,System.StringComparison)")
            .And.Contain("M:System.MemoryExtensions.SequenceEqual``1(System.ReadOnlySpan{``0},System.ReadOnlySpan{``0})")
            .And.Contain("M:System.Linq.Enumerable.SequenceEqual``1");
    }

    [Fact]
    public void The_analyzer_is_referenced_and_enforced_as_an_error_where_signatures_are_handled()
    {
        var project = XDocument.Load(Path.Combine(Root, "src", "WebhookSignatures", "WebhookSignatures.csproj"));
        project.Descendants("PackageReference").Select(e => (string?)e.Attribute("Include"))
            .Should().Contain("Microsoft.CodeAnalysis.BannedApiAnalyzers");
        project.Descendants("AdditionalFiles").Select(e => (string?)e.Attribute("Include"))
            .Should().Contain("BannedSymbols.txt");

        var editorConfig = File.ReadAllText(Path.Combine(Root, ".editorconfig"));
        editorConfig.Should().MatchRegex(@"\[src/WebhookSignatures/\{Schemes,Cryptography\}/\*\*\.cs\]\s*\r?\ndotnet_diagnostic\.RS0030\.severity = error");
    }

    [Fact]
    public void Every_exemption_in_signature_code_says_why()
    {
        var folders = new[] { "Schemes", "Cryptography" }.Select(f => Path.Combine(Root, "src", "WebhookSignatures", f));
        var exemptions = folders
            .SelectMany(f => Directory.EnumerateFiles(f, "*.cs", SearchOption.AllDirectories))
            .SelectMany(f => File.ReadLines(f).Select(line => (File: Path.GetFileName(f), Line: line.Trim())))
            .Where(x => x.Line.StartsWith("#pragma warning disable RS0030", StringComparison.Ordinal))
            .ToList();

        exemptions.Should().OnlyContain(x => x.Line.Contains("// ", StringComparison.Ordinal) && x.Line.Contains("not signature material", StringComparison.Ordinal));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WebhookSignatures.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (WebhookSignatures.sln) was not found above the test binaries.");
    }
}

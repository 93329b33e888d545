namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// Every C# block of the README and docs/ that is not marked as a fragment compiles against the libraries, as a file of
/// a <c>dotnet new web</c> project would (<see cref="CompiledCode"/>). Fragments are counted, so a page cannot quietly
/// mark everything a fragment.
/// </summary>
public sealed class DocumentedCodeTests
{
    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in DocumentedCode.All.Where(b => !b.IsFragment))
        {
            data.Add(block.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void The_block_compiles(string where) =>
        CompiledCode.Of(DocumentedCode.At(where)).Errors.Should().BeEmpty();

    [Fact]
    public void The_docs_hold_code_and_most_of_it_compiles()
    {
        DocumentedCode.All.Should().NotBeEmpty();
        DocumentedCode.All.Count(b => !b.IsFragment).Should().BeGreaterThan(DocumentedCode.All.Count(b => b.IsFragment), "fragments are the exception");
    }
}

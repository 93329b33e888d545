using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// Every C# block of the README and docs/ that is not marked as a fragment compiles against the libraries, as a file of
/// a <c>dotnet new web</c> project would (the web SDK's implicit usings, nullable on). Fragments are counted, so a
/// page cannot quietly mark everything a fragment.
/// </summary>
public sealed class DocumentedCodeTests
{
    // The implicit usings of a `dotnet new web` project.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        """;

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

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
    public void The_block_compiles(string where)
    {
        var block = DocumentedCode.All.Single(b => b.ToString() == where);
        var tree = CSharpSyntaxTree.ParseText(block.Code, new CSharpParseOptions(LanguageVersion.Latest), path: where);
        var program = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "Documented",
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{where}+{d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();

        errors.Should().BeEmpty();
    }

    [Fact]
    public void The_docs_hold_code_and_most_of_it_compiles()
    {
        DocumentedCode.All.Should().NotBeEmpty();
        DocumentedCode.All.Count(b => !b.IsFragment).Should().BeGreaterThan(DocumentedCode.All.Count(b => b.IsFragment), "fragments are the exception");
    }

    private static MetadataReference[] LoadReferences()
    {
        // The running framework (ASP.NET Core included, through the project's framework reference) and the libraries.
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var libraries = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(p => Path.GetFileName(p).StartsWith("WebhookSignatures", StringComparison.Ordinal) || Path.GetFileName(p).StartsWith("StackExchange.Redis", StringComparison.Ordinal));
        return [.. platform.Concat(libraries).Distinct(StringComparer.Ordinal).Select(p => MetadataReference.CreateFromFile(p))];
    }
}

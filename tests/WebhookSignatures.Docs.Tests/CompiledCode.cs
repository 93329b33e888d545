using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// A documented block compiled once per test run, as a file of a <c>dotnet new web</c> project would be (the web SDK's
/// implicit usings, nullable on), against the running framework and the libraries: its errors, its assembly, and what
/// kind of program it is. The compile test and the runners share it.
/// </summary>
public sealed class CompiledCode
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

    // The package whose endpoints verify deliveries; a program that uses it and runs a web application receives webhooks.
    private const string ReceivingAssembly = "WebhookSignatures.AspNetCore";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);
    private static readonly Lazy<SyntaxTree> Usings = new(() => CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions));
    private static readonly ConcurrentDictionary<string, Lazy<CompiledCode>> Cache = new(StringComparer.Ordinal);
    private static int _count;

    private CompiledCode(string where, IReadOnlyList<string> errors, byte[]? image, bool isProgram, bool isReceiver, bool isSender)
    {
        Where = where;
        Errors = errors;
        Image = image;
        IsProgram = isProgram;
        IsReceiver = isReceiver;
        IsSender = isSender;
    }

    /// <summary>The block, as <c>file:line</c>.</summary>
    public string Where { get; }

    /// <summary>The compiler's errors, each with its line in the block; empty when the block compiles.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The compiled assembly's bytes; <see langword="null"/> when it has errors.</summary>
    public byte[]? Image { get; }

    /// <summary>Whether the block is a whole program (top-level statements), not a file of types.</summary>
    public bool IsProgram { get; }

    /// <summary>
    /// Whether the block is a receiving example: a whole program that uses the ASP.NET Core package and runs a web
    /// application. Decided on what the code calls, not on the names it uses, so renames do not hide one.
    /// </summary>
    public bool IsReceiver { get; }

    /// <summary>Whether the block is a whole program that sends a request (a <c>SendAsync</c> or <c>PostAsync</c> of a client or sender).</summary>
    public bool IsSender { get; }

    /// <summary>The block compiled, once per test run.</summary>
    public static CompiledCode Of(DocumentedCode block) => Of(block.ToString(), block.Code);

    /// <summary>Source compiled under a name, once per test run and name; runners compile a changed copy under a name of its own.</summary>
    public static CompiledCode Of(string where, string code) =>
        Cache.GetOrAdd(where, key => new Lazy<CompiledCode>(() => Compile(key, code))).Value;

    private static CompiledCode Compile(string where, string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions, path: where);
        var isProgram = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();

        // Each block is an assembly of its own name, so that several can be loaded into one process.
        var name = $"Documented{Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture)}";
        var compilation = CSharpCompilation.Create(
            name,
            [tree, Usings.Value],
            References.Value,
            new CSharpCompilationOptions(
                isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: false));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{where}+{d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}")
            .ToList();

        var (isReceiver, isSender) = isProgram && errors.Count == 0 ? Classify(compilation, tree) : (false, false);
        return new CompiledCode(where, errors, emitted.Success ? image.ToArray() : null, isProgram, isReceiver, isSender);
    }

    private static (bool IsReceiver, bool IsSender) Classify(CSharpCompilation compilation, SyntaxTree tree)
    {
        var model = compilation.GetSemanticModel(tree);
        var usesReceivingPackage = false;
        var runsWebApplication = false;
        var sends = false;
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var symbol = node switch
            {
                InvocationExpressionSyntax invocation => model.GetSymbolInfo(invocation).Symbol,
                AttributeSyntax attribute => model.GetSymbolInfo(attribute).Symbol,
                ObjectCreationExpressionSyntax creation => model.GetSymbolInfo(creation).Symbol,
                _ => null,
            };

            if (symbol is not IMethodSymbol method)
            {
                continue;
            }

            var original = method.ReducedFrom ?? method;
            usesReceivingPackage |= original.ContainingAssembly?.Name == ReceivingAssembly;
            runsWebApplication |= method.Name is "Run" or "RunAsync" or "Start" or "StartAsync"
                && (method.ReceiverType?.ToDisplayString() == "Microsoft.AspNetCore.Builder.WebApplication"
                    || original.ContainingType?.ToDisplayString() == "Microsoft.AspNetCore.Builder.WebApplication");
            sends |= method.Name is "SendAsync" or "PostAsync" or "PostAsJsonAsync"
                && (original.ContainingAssembly?.Name.StartsWith("WebhookSignatures", StringComparison.Ordinal) == true
                    || original.ContainingType?.ToDisplayString() is "System.Net.Http.HttpClient" or "System.Net.Http.Json.HttpClientJsonExtensions");
        }

        return (usesReceivingPackage && runsWebApplication, sends);
    }

    private static MetadataReference[] LoadReferences()
    {
        // The running framework (ASP.NET Core included, through the project's framework reference) and the libraries.
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var libraries = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Where(IsLibrary);
        return [.. platform.Concat(libraries).Distinct(StringComparer.Ordinal).Select(p => MetadataReference.CreateFromFile(p))];
    }

    // The packages a reader installs (and Redis' client, EF Core and its providers, and the senders' event models the
    // GitHub and Stripe pages use), not the tests' own assemblies beside them.
    private static bool IsLibrary(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return (name.StartsWith("WebhookSignatures", StringComparison.Ordinal) && !name.Contains("Test", StringComparison.Ordinal))
            || name.StartsWith("StackExchange.Redis", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal)
            || name.StartsWith("Octokit.Webhooks", StringComparison.Ordinal)
            || name.StartsWith("Stripe.net", StringComparison.Ordinal);
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Http.Tests.Delivery;

/// <summary>One delivery for a sender's own library to verify: which library, the secret it is given, what arrived.</summary>
internal sealed record ReferenceCheck(
    [property: JsonPropertyName("library")] string Library,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("body")] byte[] Body);

/// <summary>What the library said: verified (with the id it read) or the error it threw.</summary>
internal sealed record ReferenceResult(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("timestamp")] string? Timestamp,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>
/// Runs tests/reference-libraries/verify.js with Node.js: the senders' own libraries (standardwebhooks, svix, stripe)
/// verify deliveries offline, as a receiver built on them would. The packages come from <c>npm ci</c> in that folder
/// (eng/test.sh runs it); without them the test fails at once and says so.
/// </summary>
internal static class ReferenceLibraries
{
    public static string Folder { get; } = FindFolder();

    public static async Task<IReadOnlyList<ReferenceResult>> VerifyAsync(IReadOnlyList<ReferenceCheck> checks)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "standardwebhooks"))
            || !Directory.Exists(Path.Combine(Folder, "node_modules", "svix"))
            || !Directory.Exists(Path.Combine(Folder, "node_modules", "stripe")))
        {
            throw new InvalidOperationException(
                $"The senders' reference libraries are not installed in {Folder}/node_modules: run `npm ci --prefix tests/reference-libraries` " +
                "(eng/test.sh does it before the tests; it needs Node.js 20 and npm).");
        }

        var start = new ProcessStartInfo("node", [Path.Combine(Folder, "verify.js")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        Process node;
        try
        {
            node = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js is not installed (`node` is not on PATH); the reference-library tests need Node.js 20.", e);
        }

        using (node)
        {
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = node.StandardError.ReadToEndAsync();
            await node.StandardInput.WriteAsync(JsonSerializer.Serialize(checks));
            node.StandardInput.Close();
            using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await node.WaitForExitAsync(bound.Token);
            if (node.ExitCode != 0)
            {
                throw new InvalidOperationException($"verify.js exited with {node.ExitCode}: {await errors}");
            }

            return JsonSerializer.Deserialize<ReferenceResult[]>(await output)!;
        }
    }

    private static string FindFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "WebhookSignatures.sln")))
            {
                return Path.Combine(folder.FullName, "tests", "reference-libraries");
            }
        }

        throw new InvalidOperationException("The repository root (with WebhookSignatures.sln) is not above the test's folder.");
    }
}

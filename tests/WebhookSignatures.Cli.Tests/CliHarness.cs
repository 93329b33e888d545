namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// Runs the tool in-process with captured output, a fake environment, an optional standard input and, for a scheme of
/// one's own, a catalog other than the tool's.
/// </summary>
internal static class CliHarness
{
    public static async Task<CliOutcome> RunAsync(
        string[] args,
        byte[]? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeProvider? clock = null,
        Action<Uri>? listenerStarted = null,
        CancellationToken cancellationToken = default,
        Func<string, CancellationToken, Task<System.Net.IPAddress[]>>? resolveHost = null,
        Func<System.Net.IPAddress[], int, CancellationToken, ValueTask<Stream>>? connect = null,
        WebhookSchemeCatalog? schemes = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            OpenStandardInput = () => new MemoryStream(standardInput ?? []),
            GetEnvironmentVariable = name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            TimeProvider = clock ?? TimeProvider.System,
            ListenerStarted = listenerStarted,
            ResolveHost = resolveHost,
            Connect = connect,
            Schemes = schemes ?? ToolCatalog.Schemes,
        };

        var exitCode = await WebhooksigCommand.RunAsync(args, context, cancellationToken);
        return new CliOutcome(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliOutcome(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;
}

using System.Net;

namespace WebhookSignatures.Cli;

/// <summary>What a command reads from and writes to: the console in the tool, writers and fakes in tests.</summary>
internal sealed class CliContext
{
    /// <summary>Where verdicts, headers and tables go.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Where usage errors and notes go.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Opens standard input, for <c>--body-file -</c>.</summary>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>Reads an environment variable, for <c>--secret-env</c>.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// The schemes the commands know by name: the tool's catalog, or one with a scheme of your own added
    /// (<c>ToolCatalog.Schemes.With(descriptor)</c>) for a program embedding the command line, or a test.
    /// </summary>
    public WebhookSchemeCatalog Schemes { get; init; } = ToolCatalog.Schemes;

    /// <summary>The clock for signing, verifying and latency.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called with the receiver's address once <c>listen</c> is accepting deliveries.</summary>
    public Action<Uri>? ListenerStarted { get; init; }

    /// <summary>
    /// Resolves a receiver's name for the guard of <c>send</c> and <c>replay</c>: DNS when <see langword="null"/>, a
    /// scripted answer in tests.
    /// </summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? ResolveHost { get; init; }

    /// <summary>
    /// Opens the connection <c>send</c> and <c>replay</c> post through, once the guard allowed its addresses: a socket
    /// when <see langword="null"/>, in tests a fake that opens nothing but loopback.
    /// </summary>
    public Func<IPAddress[], int, CancellationToken, ValueTask<Stream>>? Connect { get; init; }

    /// <summary>The tool's context over the process console.</summary>
    public static CliContext ForConsole() => new() { Out = Console.Out, Error = Console.Error };
}

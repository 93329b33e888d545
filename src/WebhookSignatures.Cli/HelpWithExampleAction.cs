using System.CommandLine;
using System.CommandLine.Invocation;

namespace WebhookSignatures.Cli;

/// <summary>
/// Prints the standard help, then the example for the command asked about, so every <c>--help</c> ends with one
/// while the command list stays one line per command.
/// </summary>
internal sealed class HelpWithExampleAction(SynchronousCommandLineAction help, IReadOnlyDictionary<Command, string> examples) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = help.Invoke(parseResult);
        if (examples.TryGetValue(parseResult.CommandResult.Command, out var example))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Example:");
            foreach (var line in example.Split('\n'))
            {
                output.WriteLine("  " + line.TrimEnd('\r'));
            }

            output.WriteLine();
        }

        return exitCode;
    }
}

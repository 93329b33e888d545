using System.CommandLine;

namespace WebhookSignatures.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create(CliContext context) => new("demo");
}

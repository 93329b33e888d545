using System.CommandLine;

namespace WebhookSignatures.Cli.Commands;

internal static class ListenCommand
{
    public static Command Create(CliContext context) => new("listen");
}

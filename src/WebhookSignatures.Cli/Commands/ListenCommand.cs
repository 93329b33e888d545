using System.CommandLine;

namespace WebhookSignatures.Cli.Commands;

internal static class ListenCommand
{
    public const string Example = "webhooksig listen";

    public static Command Create(CliContext context) => new("listen");
}

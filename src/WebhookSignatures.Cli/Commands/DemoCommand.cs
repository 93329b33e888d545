using System.CommandLine;

namespace WebhookSignatures.Cli.Commands;

internal static class DemoCommand
{
    public const string Example = "webhooksig demo";

    public static Command Create(CliContext context) => new("demo");
}

using System.CommandLine;
using WebhookSignatures.Cli.Commands.Listen;

namespace WebhookSignatures.Cli.Commands;

/// <summary><c>webhooksig listen</c>: a Kestrel receiver that verifies every delivery and prints one line for each.</summary>
internal static class ListenCommand
{
    public const string Example = """
        webhooksig listen --urls http://127.0.0.1:5080 --scheme github --secret-env GITHUB_WEBHOOK_SECRET \
          --path /webhooks/github --redis 127.0.0.1:6379
        """;

    public static Command Create(CliContext context)
    {
        var options = new ListenOptions(context.Schemes);
        var command = new Command("listen", """
            Receives webhooks with the ASP.NET Core package: 2xx for a verified delivery, 401 otherwise, 413 over the size limit.
            Prints one line per delivery (time, scheme, event, outcome, reason). Stops on Ctrl+C or SIGTERM.
            """);
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(
            context,
            () => ListenRun.RunAsync(context, ListenSettings.Read(context, parse, options), cancellationToken)));
        return command;
    }
}

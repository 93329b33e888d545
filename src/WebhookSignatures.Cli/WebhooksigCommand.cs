using System.CommandLine;
using WebhookSignatures.Cli.Commands;

namespace WebhookSignatures.Cli;

/// <summary>The <c>webhooksig</c> command line: builds the commands and runs one, with exit code 2 for usage errors.</summary>
internal static class WebhooksigCommand
{
    public static RootCommand Create(CliContext context) => new("""
        webhooksig: sign, verify, send and receive webhooks, and find out why a signature fails.
        Secrets are never printed; prefer --secret-env to keep them out of shell history.

        Example:
          webhooksig demo
        """)
    {
        VerifyCommand.Create(context),
        SignCommand.Create(context),
        SendCommand.Create(context),
        ListenCommand.Create(context),
        DemoCommand.Create(context),
    };

    /// <summary>Parses and runs <paramref name="args"/>; a command line that does not parse exits with 2.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = Create(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            var command = parse.CommandResult.Command is RootCommand ? string.Empty : " " + parse.CommandResult.Command.Name;
            await context.Error.WriteLineAsync($"Run 'webhooksig{command} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}

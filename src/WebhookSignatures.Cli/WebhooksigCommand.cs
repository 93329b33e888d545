using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using WebhookSignatures.Cli.Commands;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli;

/// <summary>The <c>webhooksig</c> command line: builds the commands and runs one, with exit code 2 for usage errors.</summary>
internal static class WebhooksigCommand
{
    public static RootCommand Create(CliContext context)
    {
        var verify = VerifyCommand.Create(context);
        var sign = SignCommand.Create(context);
        var send = SendCommand.Create(context);
        var listen = ListenCommand.Create(context);
        var replay = ReplayCommand.Create(context);
        var demo = DemoCommand.Create(context);
        var secret = SecretCommand.Create(context);
        var root = new RootCommand("""
            webhooksig: sign, verify, send and receive webhooks, and find out why a signature fails.
            Secrets are never printed, except by 'secret', which makes a new one (--out keeps it in an owner-only file);
            prefer --secret-env to keep them out of shell history.
            """)
        {
            verify, sign, send, listen, replay, demo, secret,
        };

        var examples = new Dictionary<Command, string>
        {
            [root] = "webhooksig demo",
            [verify] = VerifyCommand.Example,
            [sign] = SignCommand.Example,
            [send] = SendCommand.Example,
            [listen] = ListenCommand.Example,
            [replay] = ReplayCommand.Example,
            [demo] = DemoCommand.Example,
            [secret] = SecretCommand.Example,
        };
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is SynchronousCommandLineAction standard)
        {
            help.Action = new HelpWithExampleAction(standard, examples);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a command line that does not parse exits with 2.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = Create(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                // A parse error quotes the token it could not use, which may have been pasted from a delivery.
                await context.Error.WriteLineAsync($"error: {TerminalText.Escape(error.Message)}").ConfigureAwait(false);
            }

            var command = parse.CommandResult.Command is RootCommand ? string.Empty : " " + parse.CommandResult.Command.Name;
            await context.Error.WriteLineAsync($"Run 'webhooksig{command} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}

using WebhookSignatures.Cli;

return await WebhooksigCommand.RunAsync(args, CliContext.ForConsole()).ConfigureAwait(false);

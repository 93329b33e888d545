using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Commands;

/// <summary><c>webhooksig sign</c>: prints the headers (and, where the scheme changes it, the body) to send.</summary>
internal static class SignCommand
{
    public const string Example = """
        webhooksig sign --scheme infisical --secret-env INFISICAL_WEBHOOK_SECRET \
          --body-file event.json --out signed.json
        """;

    public static Command Create(CliContext context)
    {
        var scheme = CliOptions.Scheme(context.Schemes);
        var secret = new Option<string?>("--secret") { Description = "The secret that signs.", HelpName = "secret" };
        var secretEnv = new Option<string?>("--secret-env") { Description = "Reads the secret from this environment variable instead, keeping it out of shell history.", HelpName = "VAR" };
        var bodyFile = CliOptions.BodyFile(required: true);
        var timestamp = new Option<long?>("--timestamp") { Description = "The time to sign, in Unix milliseconds (default: now).", HelpName = "unix ms" };
        var id = new Option<string?>("--id") { Description = "The message id, for schemes that sign one (default: generated).", HelpName = "message id" };
        var output = new Option<string?>("--out") { Description = "Writes the exact body to send to this file (Infisical appends the timestamp to it).", HelpName = "path" };
        var url = CliOptions.Url("The URL the delivery will be sent to, for schemes that sign it (twilio, hubspot, square).");
        var method = CliOptions.Method();
        var json = CliOptions.Json("Print {\"headers\": {…}, \"body\": \"<exact body to send>\"} instead of header lines.");

        var command = new Command("sign", """
            Signs a body and prints the headers to send, one "Name: value" per line.
            Where the scheme changes the body (Infisical appends "timestamp"), --out writes the exact bytes to send.
            """)
        {
            scheme, secret, secretEnv, bodyFile, timestamp, id, url, method, output, json,
        };

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var name = parse.GetRequiredValue(scheme);
            var webhookScheme = context.Schemes.Get(name).Create(new WebhookSchemeOptions { TimeProvider = context.TimeProvider });
            var given = parse.GetValue(secret);
            var variable = parse.GetValue(secretEnv);
            if ((given is null) == (variable is null))
            {
                throw new UsageException("Give exactly one of --secret or --secret-env.");
            }

            var secrets = CliInputs.ReadSecrets(context, given is null ? null : [given], variable is null ? null : [variable]);
            var body = await CliInputs.ReadBodyAsync(context, parse.GetRequiredValue(bodyFile), cancellationToken).ConfigureAwait(false);
            using var keys = CliInputs.CreateKeyRing(webhookScheme, secrets);

            SignedWebhook signed;
            try
            {
                var at = parse.GetValue(timestamp) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
                var target = CliInputs.ReadRequestTarget(parse.GetValue(url), parse.GetValue(method));
                signed = webhookScheme.Sign(body, keys, new WebhookSigningParameters { Target = target, Timestamp = at, DeliveryId = parse.GetValue(id) });
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"The {name} scheme cannot sign this body: {CliInputs.Explain(e, secrets)}", e);
            }

            if (parse.GetValue(output) is { } path)
            {
                try
                {
                    await File.WriteAllBytesAsync(path, signed.Body.ToArray(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"Cannot write '{path}': {e.Message}", e);
                }
            }

            if (parse.GetValue(json))
            {
                var headers = signed.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
                var report = new SignReport(headers, Encoding.UTF8.GetString(signed.Body.Span));
                await context.Out.WriteLineAsync(TerminalText.EscapeJson(JsonSerializer.Serialize(report, CliJsonContext.Output.SignReport))).ConfigureAwait(false);
                return ExitCodes.Valid;
            }

            foreach (var (header, value) in signed.Headers)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{header}: {value}")).ConfigureAwait(false);
            }

            if (parse.GetValue(output) is null && !signed.Body.Span.SequenceEqual(body))
            {
                await context.Error.WriteLineAsync($"note: the {name} scheme changed the body; the signature covers the changed bytes. Write them with --out <path> (or use --json) and send those.").ConfigureAwait(false);
            }

            return ExitCodes.Valid;
        }));
        return command;
    }
}

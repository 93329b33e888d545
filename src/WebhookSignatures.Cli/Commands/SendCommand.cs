using System.CommandLine;
using System.Globalization;
using System.Net;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Ed25519;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Cli.Commands;

/// <summary><c>webhooksig send</c>: signs and POSTs a sample delivery (or a given body) and reports the response.</summary>
internal static class SendCommand
{
    public const string Example = """
        webhooksig send --scheme github --url http://127.0.0.1:5080/webhooks --allow-http \
          --secret-env GITHUB_WEBHOOK_SECRET --event ping
        """;

    public static Command Create(CliContext context)
    {
        var scheme = CliOptions.Scheme();
        var url = new Option<string>("--url") { Description = "The receiver's URL (https://, or http:// to loopback with --allow-http).", Required = true, HelpName = "url" };
        var secret = new Option<string?>("--secret") { Description = "The secret that signs.", HelpName = "secret" };
        var secretEnv = new Option<string?>("--secret-env") { Description = "Reads the secret from this environment variable instead.", HelpName = "VAR" };
        var eventName = new Option<string?>("--event") { Description = "The event of the sample payload (infisical: secrets.modified; snyk: project_snapshot/v0; github: ping).", HelpName = "event" };
        var bodyFile = CliOptions.BodyFile(required: false);
        bodyFile.Description = "Sends this body instead of a sample ('-' for standard input).";
        var allowHttp = new Option<bool>("--allow-http") { Description = "Allows plain http:// to a loopback address (127.0.0.1, localhost, ::1), for local testing." };

        var command = new Command("send", """
            Signs and POSTs a realistic sample delivery for an event (or the given body), then prints the status and latency.
            Exit code: 0 for a 2xx response, 1 otherwise, 2 usage error.
            """)
        {
            scheme, url, secret, secretEnv, eventName, bodyFile, allowHttp,
        };

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var name = parse.GetRequiredValue(scheme);
            var text = parse.GetRequiredValue(url);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var target))
            {
                throw new UsageException($"--url needs an absolute URL such as https://hooks.example.com/in; got '{text}'.");
            }

            var given = parse.GetValue(secret);
            var variable = parse.GetValue(secretEnv);
            if ((given is null) == (variable is null))
            {
                throw new UsageException("Give exactly one of --secret or --secret-env.");
            }

            var secrets = CliInputs.ReadSecrets(context, given is null ? null : [given], variable is null ? null : [variable]);
            var webhookScheme = Ed25519SchemeCatalog.Get(name).Create(new WebhookSchemeOptions { TimeProvider = context.TimeProvider });
            using var keys = CliInputs.CreateKeyRing(webhookScheme, secrets);

            var (body, headers) = SamplePayloads.Create(name, parse.GetValue(eventName), Guid.NewGuid().ToString(), context.TimeProvider.GetUtcNow());
            if (parse.GetValue(bodyFile) is { } path)
            {
                body = await CliInputs.ReadBodyAsync(context, path, cancellationToken).ConfigureAwait(false);
            }

            using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = webhookScheme, Keys = keys, AllowHttpToLoopback = parse.GetValue(allowHttp) });
            // The receiver writes the reason phrase and the failure messages; they are escaped like everything it sends.
            var where = TerminalText.Escape(target.GetLeftPart(UriPartial.Path));
            var started = context.TimeProvider.GetTimestamp();
            try
            {
                using var response = await sender.SendAsync(target, body, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
                var elapsed = context.TimeProvider.GetElapsedTime(started);
                await context.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"POST {where} -> {(int)response.StatusCode} {TerminalText.Escape(response.ReasonPhrase)} in {elapsed.TotalMilliseconds:0} ms ({name}){NotFollowed(response)}")).ConfigureAwait(false);
                return response.IsSuccessStatusCode ? ExitCodes.Valid : ExitCodes.Invalid;
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException(e.Message, e);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"The {name} scheme cannot sign this body: {CliInputs.Explain(e, secrets)}", e);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException)
            {
                var status = e is HttpRequestException { StatusCode: HttpStatusCode code } ? $" ({(int)code})" : string.Empty;
                await context.Out.WriteLineAsync($"POST {where} -> failed{status}: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }
        }));
        return command;
    }

    /// <summary>Says that a redirect was not followed, naming only the scheme, host and port of where it pointed.</summary>
    private static string NotFollowed(HttpResponseMessage response)
    {
        if ((int)response.StatusCode is < 300 or > 399)
        {
            return string.Empty;
        }

        var location = response.Headers.Location is { IsAbsoluteUri: true } to
            ? $" to {to.Scheme}://{TerminalText.Escape(to.Host)}:{to.Port}"
            : response.Headers.Location is null ? string.Empty : " to a relative URL";
        return $"; the redirect{location} was not followed: webhooks are delivered only to the URL given";
    }
}

using System.CommandLine;
using WebhookSignatures.Cli.Delivering;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Recording;

namespace WebhookSignatures.Cli.Commands;

/// <summary><c>webhooksig replay</c>: posts a delivery recorded by <c>listen --save</c> again, byte for byte, or re-signed.</summary>
internal static class ReplayCommand
{
    public const string Example = """
        webhooksig replay deliveries/20260125T040802.504Z-0001-github.json --to http://127.0.0.1:5080/gh --allow-http
        """;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A delivery file written by 'listen --save'." };
        var to = new Option<string>("--to") { Description = "Where to post it (https://, or http:// to loopback with --allow-http).", Required = true, HelpName = "url" };
        var allowHttp = DeliveryGuard.AllowHttp();
        var allowAddress = DeliveryGuard.AllowAddress();
        var proxy = DeliveryGuard.Proxy();
        var resign = new Option<bool>("--resign")
        {
            Description = "Signs the body again as of now (with --secret or --secret-env), so a timestamped scheme's window accepts it; the delivery's identity is kept.",
        };
        var scheme = CliOptions.Scheme(context.Schemes, required: false);
        scheme.Description += " For --resign; default: the scheme the delivery was received with.";
        var secret = new Option<string?>("--secret") { Description = "The secret that re-signs (with --resign).", HelpName = "secret" };
        var secretEnv = new Option<string?>("--secret-env") { Description = "Reads the re-signing secret from this environment variable instead.", HelpName = "VAR" };
        var signedUrl = CliOptions.Url("With --resign, the URL to sign for schemes that sign the request line (twilio, hubspot, square): the URL as the receiver sees it, such as its public URL behind a proxy (default: --to).");

        var command = new Command("replay", """
            Posts a recorded delivery again: the same headers and the exact body bytes, as the sender's retry would.
            Only public addresses are connected to: an internal one (private, loopback, link-local, ...) is refused first.
            Exit code: 0 for a 2xx response, 1 otherwise, 2 usage error or a refused address.
            """)
        {
            file, to, allowHttp, allowAddress, proxy, resign, scheme, secret, secretEnv, signedUrl,
        };

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var target = DeliveryTarget.Read(parse.GetRequiredValue(to), "--to", parse.GetValue(allowHttp));
            var guard = DeliveryGuard.Read(parse.GetValue(allowHttp), parse.GetValue(allowAddress), parse.GetValue(proxy));
            var path = parse.GetRequiredValue(file);
            var (recorded, body) = await DeliveryFile.ReadAsync(path, "replay", cancellationToken).ConfigureAwait(false);
            if (recorded.BodyTruncated)
            {
                throw new UsageException($"'{path}' holds only the first {body.Length} bytes of a body over the receiver's limit; it cannot be replayed byte for byte.");
            }

            var given = parse.GetValue(secret);
            var variable = parse.GetValue(secretEnv);
            List<KeyValuePair<string, string>> headers = [.. recorded.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))];
            var label = $"replay of {recorded.Scheme ?? "an unknown path's"} delivery";
            if (!parse.GetValue(resign))
            {
                if (given is not null || variable is not null || parse.GetValue(signedUrl) is not null)
                {
                    throw new UsageException("--secret, --secret-env and --url re-sign, with --resign; without it the delivery is sent as recorded.");
                }

                await NoteSignedUrlAsync(context, recorded, target).ConfigureAwait(false);
            }
            else
            {
                if ((given is null) == (variable is null))
                {
                    throw new UsageException("--resign needs exactly one of --secret or --secret-env.");
                }

                var name = parse.GetValue(scheme) ?? recorded.Scheme
                    ?? throw new UsageException($"'{path}' arrived at no scheme's path: give --scheme to re-sign it.");
                if (!context.Schemes.AcceptedNames().Contains(name))
                {
                    throw new UsageException($"'{path}' names the scheme '{name}', which this tool does not sign; give --scheme ({string.Join(", ", context.Schemes.AcceptedNames())}).");
                }

                var secrets = CliInputs.ReadSecrets(context, given is null ? null : [given], variable is null ? null : [variable]);
                var webhookScheme = context.Schemes.Get(name).Create(new WebhookSchemeOptions { TimeProvider = context.TimeProvider });
                using var keys = CliInputs.CreateKeyRing(webhookScheme, secrets);
                var signedTarget = CliInputs.ReadRequestTarget(parse.GetValue(signedUrl) ?? target.OriginalString, "POST");
                try
                {
                    (body, headers) = ResignedDelivery.Create(webhookScheme, keys, recorded.Headers, body, signedTarget);
                }
                catch (ArgumentException e)
                {
                    throw new UsageException($"The {name} scheme cannot sign this body: {CliInputs.Explain(e, secrets)}", e);
                }

                label = $"{label}, re-signed{(webhookScheme.SignsTimestamp ? " as of now" : string.Empty)}{(webhookScheme.SignsRequestTarget ? " for " + HiddenCredentials.InUrl(signedTarget.Url!.OriginalString) : string.Empty)}";
                if (!webhookScheme.SignsTimestamp && !webhookScheme.SignsRequestTarget)
                {
                    await context.Error.WriteLineAsync($"note: the {name} scheme signs no timestamp, so re-signing changes nothing a receiver checks.").ConfigureAwait(false);
                }
            }

            using var poster = new DeliveryPoster(guard, context);
            return await SendCommand.PostAndReportAsync(context, poster, target, body, headers, label, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>
    /// A request-signing scheme's signature covers the URL the delivery was received at: sent as recorded to another
    /// URL, it will not verify there, which is said before posting.
    /// </summary>
    private static async Task NoteSignedUrlAsync(CliContext context, RecordedDelivery recorded, Uri target)
    {
        if (recorded.Scheme is { } name && context.Schemes.TryGet(name, out var descriptor) && descriptor.Default.SignsRequestTarget
            && !string.Equals(recorded.Url, target.OriginalString, StringComparison.Ordinal))
        {
            await context.Error.WriteLineAsync(
                $"note: the {name} signature covers the URL it was received at, {TerminalText.Escape(HiddenCredentials.InUrl(recorded.Url))}; at another URL it does not verify: --resign signs for --to (or --url).").ConfigureAwait(false);
        }
    }
}

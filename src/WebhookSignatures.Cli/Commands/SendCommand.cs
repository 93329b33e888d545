using System.CommandLine;
using System.Globalization;
using System.Net;
using WebhookSignatures.Cli.Delivering;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Samples;
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
        var scheme = CliOptions.Scheme(context.Schemes);
        var url = new Option<string>("--url") { Description = "The receiver's URL (https://, or http:// to loopback with --allow-http).", Required = true, HelpName = "url" };
        var secret = new Option<string?>("--secret") { Description = "The secret that signs.", HelpName = "secret" };
        var secretEnv = new Option<string?>("--secret-env") { Description = "Reads the secret from this environment variable instead.", HelpName = "VAR" };
        var eventName = new Option<string?>("--event")
        {
            Description = $"The event of the sample delivery, one the scheme's sender sends (default: the first). {SampleEvents.Describe()}.",
            HelpName = "event",
        };
        var bodyFile = CliOptions.BodyFile(required: false);
        bodyFile.Description = "Sends this body instead of a sample ('-' for standard input).";
        var timestamp = new Option<long?>("--timestamp")
        {
            Description = "Signs as of this time, in Unix milliseconds (default: now): an old one sends a stale delivery.",
            HelpName = "unix ms",
        };
        var id = new Option<string?>("--id")
        {
            Description = "The delivery id, in the sample body and headers and as the signed message id where the scheme has one (default: new); the same id twice sends a duplicate.",
            HelpName = "id",
        };
        var allowHttp = DeliveryGuard.AllowHttp();
        var allowAddress = DeliveryGuard.AllowAddress();
        var proxy = DeliveryGuard.Proxy();

        var command = new Command("send", """
            Signs and POSTs a realistic sample delivery for an event (or the given body), then prints the status and latency.
            Only public addresses are connected to: an internal one (private, loopback, link-local, ...) is refused first.
            Exit code: 0 for a 2xx response, 1 otherwise, 2 usage error or a refused address.
            """)
        {
            scheme, url, secret, secretEnv, eventName, bodyFile, timestamp, id, allowHttp, allowAddress, proxy,
        };

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var name = parse.GetRequiredValue(scheme);
            var target = DeliveryTarget.Read(parse.GetRequiredValue(url), "--url", parse.GetValue(allowHttp));
            var guard = DeliveryGuard.Read(parse.GetValue(allowHttp), parse.GetValue(allowAddress), parse.GetValue(proxy));
            var chosen = ReadEvent(name, parse.GetValue(eventName));
            var given = parse.GetValue(secret);
            var variable = parse.GetValue(secretEnv);
            if ((given is null) == (variable is null))
            {
                throw new UsageException("Give exactly one of --secret or --secret-env.");
            }

            var signAt = parse.GetValue(timestamp) is { } ms ? ReadTimestamp(ms) : (DateTimeOffset?)null;
            var deliveryId = parse.GetValue(id);
            if (deliveryId is { Length: 0 })
            {
                throw new UsageException("--id must not be empty.");
            }

            var secrets = CliInputs.ReadSecrets(context, given is null ? null : [given], variable is null ? null : [variable]);
            var webhookScheme = context.Schemes.Get(name).Create(new WebhookSchemeOptions { TimeProvider = context.TimeProvider });
            using var keys = CliInputs.CreateKeyRing(webhookScheme, secrets);

            var sample = chosen.Create(deliveryId ?? Guid.NewGuid().ToString(), signAt ?? context.TimeProvider.GetUtcNow());
            var body = sample.Body;
            if (parse.GetValue(bodyFile) is { } path)
            {
                body = await CliInputs.ReadBodyAsync(context, path, cancellationToken).ConfigureAwait(false);
            }

            // Schemes that sign the request line (twilio, hubspot, square) sign the URL the delivery is posted to.
            SignedWebhook signed;
            try
            {
                signed = webhookScheme.Sign(body, keys, new WebhookSigningParameters { Target = WebhookRequestTarget.Post(target), Timestamp = signAt, DeliveryId = deliveryId });
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"The {name} scheme cannot sign this body: {CliInputs.Explain(e, secrets)}", e);
            }

            using var poster = new DeliveryPoster(guard, context);
            var headers = sample.HeadersWith(signed.Headers);
            var handshake = chosen.IsHandshake ? HandshakeAnswer.Expect(webhookScheme, keys, signed, headers, target) : null;
            return await PostAndReportAsync(context, poster, target, signed.Body, headers, name, cancellationToken, handshake).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>
    /// Posts and prints <c>POST url -> status in N ms (label)</c>; exit 0 for 2xx, 1 for anything else. For a handshake,
    /// the answer is printed too, and exit 0 needs the answer the sender expects.
    /// </summary>
    public static async Task<int> PostAndReportAsync(
        CliContext context,
        DeliveryPoster poster,
        Uri target,
        ReadOnlyMemory<byte> body,
        IEnumerable<KeyValuePair<string, string>> headers,
        string label,
        CancellationToken cancellationToken,
        HandshakeAnswer? handshake = null)
    {
        // The receiver writes the reason phrase and the failure messages; they are escaped like everything it sends.
        var where = TerminalText.Escape(HiddenCredentials.InUrl(target.GetLeftPart(UriPartial.Path)));
        var started = context.TimeProvider.GetTimestamp();
        try
        {
            using var response = await poster.PostAsync(target, body, headers, cancellationToken).ConfigureAwait(false);
            var elapsed = context.TimeProvider.GetElapsedTime(started);
            await context.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"POST {where} -> {(int)response.StatusCode} {TerminalText.Escape(response.ReasonPhrase)} in {elapsed.TotalMilliseconds:0} ms ({TerminalText.Escape(label)}){NotFollowed(response)}")).ConfigureAwait(false);
            var answered = handshake is null || await handshake.CheckAsync(context.Out, response, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode && answered ? ExitCodes.Valid : ExitCodes.Invalid;
        }
        catch (WebhookAddressRefusedException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var status = e is HttpRequestException { StatusCode: HttpStatusCode code } ? $" ({(int)code})" : string.Empty;
            await context.Out.WriteLineAsync($"POST {where} -> failed{status}: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
    }

    /// <summary>The named event, or the scheme's default; a name its sender never sends is a usage error listing those it does.</summary>
    private static SampleEvent ReadEvent(string scheme, string? eventName)
    {
        if (eventName is null)
        {
            return SampleEvents.Default(scheme);
        }

        return SampleEvents.Find(scheme, eventName)
            ?? throw new UsageException($"--event '{eventName}' is not an event the {scheme} scheme's sender sends; use one of: {string.Join(", ", SampleEvents.For(scheme).Select(e => e.Name))}.");
    }

    private static DateTimeOffset ReadTimestamp(long unixMs) => unixMs >= 0 && UnixMilliseconds.IsInCalendar(unixMs)
        ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
        : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--timestamp must be Unix milliseconds from 0 to {UnixMilliseconds.Max}; got {unixMs}."));

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

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using WebhookSignatures.Cli.Diagnostics;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Receiving;
using WebhookSignatures.Cli.Recording;

namespace WebhookSignatures.Cli.Commands;

/// <summary><c>webhooksig verify</c>: checks a captured delivery and explains the verdict.</summary>
internal static class VerifyCommand
{
    public const string Example = """
        webhooksig verify --scheme github --secret-env GITHUB_WEBHOOK_SECRET \
          --header "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" --body-file body.json
        """;

    public static Command Create(CliContext context)
    {
        var scheme = CliOptions.Scheme(context.Schemes, required: false);
        scheme.Description += " Required, unless --delivery gives it.";
        var secrets = CliOptions.Secrets("An accepted secret; repeat it, current first, to test a rotation.");
        var secretEnv = CliOptions.SecretEnvironmentVariables();
        var headers = new Option<string[]>("--header", "-H")
        {
            Description = "A header of the delivery, as \"Name: value\" (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "Name: value",
        };
        var bodyFile = CliOptions.BodyFile(required: false);
        bodyFile.Description += " Required, unless --delivery gives it.";
        var delivery = new Option<string?>("--delivery")
        {
            Description = "A delivery recorded by 'listen --save': its headers, exact body and scheme, verified as of when it arrived (unless --now).",
            HelpName = "file",
        };
        var now = new Option<long?>("--now")
        {
            Description = "Verify as of this time, in Unix milliseconds (default: the clock, or when a --delivery arrived), e.g. when a captured delivery arrived.",
            HelpName = "unix ms",
        };
        var tolerance = CliOptions.Tolerance();
        var url = CliOptions.Url("The URL exactly as the sender called it, for schemes that sign it (twilio, hubspot, square); default with --delivery: the URL it was received at.");
        var method = CliOptions.Method();
        var json = CliOptions.Json("Print one JSON object: valid, scheme, reason, matchedSecretIndex, timestampUnixMs, event.");

        var command = new Command("verify", """
            Verifies a delivery's signature over the exact body bytes and explains the verdict.
            Exit code: 0 valid, 1 invalid, 2 usage error.
            """)
        {
            scheme, secrets, secretEnv, headers, bodyFile, delivery, now, tolerance, url, method, json,
        };

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var input = await ReadInputAsync(context, parse, scheme, headers, bodyFile, delivery, cancellationToken).ConfigureAwait(false);
            var name = input.Scheme;
            var at = parse.GetValue(now) ?? input.ReceivedAtUnixMs;
            var options = new WebhookSchemeOptions
            {
                TimeProvider = at is { } ms ? new FixedTimeProvider(ReadNow(ms)) : context.TimeProvider,
                Tolerance = CliRunner.ReadTolerance(parse.GetValue(tolerance), context.Schemes.Get(name).DefaultTolerance),
            };
            var webhookScheme = context.Schemes.Get(name).Create(options);
            var secretList = CliInputs.ReadSecrets(context, parse.GetValue(secrets), parse.GetValue(secretEnv));
            var deliveryHeaders = input.Headers;
            var body = input.Body;
            var target = ReadTarget(parse, url, method, input);
            using var keys = CliInputs.CreateKeyRing(webhookScheme, secretList);

            var result = webhookScheme.Verify(new WebhookDelivery(deliveryHeaders, body, target), keys, WebhookReadParts.Description);
            var eventName = result.Description.EventName;

            if (parse.GetValue(json))
            {
                var report = new VerifyReport(
                    result.IsValid,
                    name,
                    result.IsValid ? null : result.FailureReason.ToString(),
                    result.MatchedKeyIndex,
                    result.TimestampUnixMs,
                    eventName);
                await context.Out.WriteLineAsync(TerminalText.EscapeJson(JsonSerializer.Serialize(report, CliJsonContext.Output.VerifyReport))).ConfigureAwait(false);
            }
            else
            {
                await WriteHumanAsync(context, name, result, eventName, VerificationHints.Explain(new CheckedDelivery(context.Schemes, webhookScheme, deliveryHeaders, body, keys, secretList, target), result)).ConfigureAwait(false);
            }

            return result.IsValid ? ExitCodes.Valid : ExitCodes.Invalid;
        }));
        return command;
    }

    /// <summary>Writes the verdict; the event (an unsigned header or the body) and the hints are escaped for the terminal.</summary>
    private static async Task WriteHumanAsync(CliContext context, string scheme, WebhookVerificationResult result, string? eventName, List<string> hints)
    {
        var verdict = result.IsValid
            ? $"valid: the {scheme} signature verifies."
            : $"invalid: {result.FailureReason}: {Describe(result.FailureReason)}";
        await context.Out.WriteLineAsync(verdict).ConfigureAwait(false);
        // Not result.Timestamp: a signed time may lie beyond the years a DateTimeOffset holds.
        if (result.TimestampUnixMs is { } signed)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  signed timestamp: {UnixMilliseconds.Format(signed)} ({signed})")).ConfigureAwait(false);
        }

        if (eventName is not null)
        {
            await context.Out.WriteLineAsync($"  event: {TerminalText.Escape(eventName)}{(result.IsValid ? string.Empty : " (unverified)")}").ConfigureAwait(false);
        }

        foreach (var hint in hints)
        {
            await context.Out.WriteLineAsync($"  hint: {TerminalText.Escape(HiddenCredentials.InUrl(hint))}").ConfigureAwait(false);
        }
    }

    /// <summary>The scheme, headers and body: from <c>--delivery</c>, or from <c>--scheme</c>, <c>--header</c> and <c>--body-file</c>.</summary>
    private static async Task<VerifyInput> ReadInputAsync(
        CliContext context, ParseResult parse, Option<string> scheme, Option<string[]> headers, Option<string> bodyFile, Option<string?> delivery, CancellationToken cancellationToken)
    {
        var givenScheme = parse.GetValue(scheme);
        if (parse.GetValue(delivery) is not { } path)
        {
            if (givenScheme is null)
            {
                throw new UsageException("Give --scheme (or --delivery with a recorded delivery).");
            }

            var bodyPath = parse.GetValue(bodyFile) ?? throw new UsageException("Give --body-file (or --delivery with a recorded delivery).");
            var body = await CliInputs.ReadBodyAsync(context, bodyPath, cancellationToken).ConfigureAwait(false);
            return new VerifyInput(givenScheme, CliInputs.ParseHeaders(parse.GetValue(headers)), body, null, WebhookRequestTarget.None);
        }

        if (parse.GetValue(bodyFile) is not null || parse.GetValue(headers) is { Length: > 0 })
        {
            throw new UsageException("--delivery gives the headers and the body: leave out --header and --body-file.");
        }

        var (recorded, recordedBody) = await DeliveryFile.ReadAsync(path, "--delivery", cancellationToken).ConfigureAwait(false);
        var name = givenScheme ?? recorded.Scheme
            ?? throw new UsageException($"--delivery '{path}' arrived at no scheme's path: give --scheme.");
        if (!context.Schemes.AcceptedNames().Contains(name))
        {
            throw new UsageException($"--delivery '{path}' names the scheme '{name}', which this tool does not have; give --scheme ({string.Join(", ", context.Schemes.AcceptedNames())}).");
        }

        var deliveryHeaders = new WebhookHeaders();
        foreach (var header in recorded.Headers)
        {
            deliveryHeaders.Add(header.Name, header.Value);
        }

        return new VerifyInput(name, deliveryHeaders, recordedBody, recorded.ReceivedAtUnixMs, RequestLine.Parse(recorded.Method, recorded.Url));
    }

    /// <summary>
    /// The request line to verify with: <c>--url</c> and <c>--method</c> when given; else a recorded delivery's own, its
    /// method replaced by an explicit <c>--method</c>.
    /// </summary>
    private static WebhookRequestTarget ReadTarget(ParseResult parse, Option<string?> url, Option<string> method, VerifyInput input)
    {
        var givenMethod = parse.GetResult(method) is { Implicit: false } ? parse.GetValue(method) : null;
        if (parse.GetValue(url) is { } given)
        {
            return CliInputs.ReadRequestTarget(given, givenMethod ?? parse.GetValue(method));
        }

        return givenMethod is null || input.Target.IsNone
            ? input.Target
            : CliInputs.ReadRequestTarget(input.Target.Url!.OriginalString, givenMethod);
    }

    private sealed record VerifyInput(string Scheme, WebhookHeaders Headers, byte[] Body, long? ReceivedAtUnixMs, WebhookRequestTarget Target);

    private static DateTimeOffset ReadNow(long unixMs) => UnixMilliseconds.IsInCalendar(unixMs)
        ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
        : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--now must be Unix milliseconds from {UnixMilliseconds.Min} to {UnixMilliseconds.Max} (years 1 to 9999); got {unixMs}."));

    private static string Describe(WebhookFailureReason reason) => reason switch
    {
        WebhookFailureReason.MissingSignature => "the signature header is absent or empty.",
        WebhookFailureReason.MalformedSignature => "the signature header does not follow the scheme's format.",
        WebhookFailureReason.UnsupportedAlgorithm => "the signature uses an algorithm the scheme does not accept.",
        WebhookFailureReason.SignatureMismatch => "no given secret produces this signature over these bytes.",
        WebhookFailureReason.TimestampTooOld => "the signed timestamp is older than the window allows.",
        WebhookFailureReason.TimestampTooNew => "the signed timestamp lies further in the future than the window allows.",
        WebhookFailureReason.TimestampNotSigned => "the header's timestamp is not the one the signature covers.",
        WebhookFailureReason.NoSecrets => "no secret was given, so nothing can verify.",
        WebhookFailureReason.NotVerified => "the scheme returned no verdict, which counts as a refusal.",
        WebhookFailureReason.MissingRequestUrl => "the scheme signs the request URL: give it with --url (and --method if not POST).",
        _ => "the delivery was refused.",
    };
}

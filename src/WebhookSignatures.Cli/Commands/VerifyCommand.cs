using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using WebhookSignatures.Cli.Diagnostics;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Ed25519;

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
        var scheme = CliOptions.Scheme();
        var secrets = CliOptions.Secrets("An accepted secret; repeat it, current first, to test a rotation.");
        var secretEnv = CliOptions.SecretEnvironmentVariables();
        var headers = new Option<string[]>("--header", "-H")
        {
            Description = "A header of the delivery, as \"Name: value\" (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "Name: value",
        };
        var bodyFile = CliOptions.BodyFile(required: true);
        var now = new Option<long?>("--now")
        {
            Description = "Verify as of this time, in Unix milliseconds (default: the clock), e.g. when a captured delivery arrived.",
            HelpName = "unix ms",
        };
        var tolerance = CliOptions.Tolerance();
        var url = CliOptions.Url("The URL exactly as the sender called it, for schemes that sign it (twilio, hubspot, square).");
        var method = CliOptions.Method();
        var json = CliOptions.Json("Print one JSON object: valid, scheme, reason, matchedSecretIndex, timestampUnixMs, event.");

        var command = new Command("verify", """
            Verifies a delivery's signature over the exact body bytes and explains the verdict.
            Exit code: 0 valid, 1 invalid, 2 usage error.
            """)
        {
            scheme, secrets, secretEnv, headers, bodyFile, now, tolerance, url, method, json,
        };

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var name = parse.GetRequiredValue(scheme);
            var options = new WebhookSchemeOptions
            {
                TimeProvider = parse.GetValue(now) is { } ms ? new FixedTimeProvider(ReadNow(ms)) : context.TimeProvider,
                Tolerance = CliRunner.ReadTolerance(parse.GetValue(tolerance), Ed25519SchemeCatalog.Get(name).DefaultTolerance),
            };
            var webhookScheme = Ed25519SchemeCatalog.Get(name).Create(options);
            var secretList = CliInputs.ReadSecrets(context, parse.GetValue(secrets), parse.GetValue(secretEnv));
            var deliveryHeaders = CliInputs.ParseHeaders(parse.GetValue(headers));
            var body = await CliInputs.ReadBodyAsync(context, parse.GetRequiredValue(bodyFile), cancellationToken).ConfigureAwait(false);
            var target = CliInputs.ReadRequestTarget(parse.GetValue(url), parse.GetValue(method));
            using var keys = CliInputs.CreateKeyRing(webhookScheme, secretList);

            var result = webhookScheme.Verify(deliveryHeaders, body, keys, target);
            var eventName = webhookScheme.DescribeDelivery(deliveryHeaders, body).EventName;

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
                await WriteHumanAsync(context, name, result, eventName, VerificationHints.Explain(new CheckedDelivery(webhookScheme, deliveryHeaders, body, keys, secretList, target), result)).ConfigureAwait(false);
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
            await context.Out.WriteLineAsync($"  hint: {TerminalText.Escape(hint)}").ConfigureAwait(false);
        }
    }

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

using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using WebhookSignatures.Cli.Delivering;
using WebhookSignatures.Cli.Demo;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Receiving;
using WebhookSignatures.Cli.Samples;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Cli.Commands;

/// <summary>
/// <c>webhooksig demo</c>: a receiver on a free loopback port and, for every scheme, a valid, a tampered, a stale
/// and a resent delivery (acknowledged as a duplicate); prints expected and actual outcomes and exits 0 only if all match.
/// </summary>
internal static class DemoCommand
{
    public const string Example = """
        webhooksig demo
        dotnet run --project src/WebhookSignatures.Cli -- demo
        """;

    private static readonly TimeSpan RecordWait = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context)
    {
        var command = new Command("demo", """
            Starts a receiver on a free loopback port and sends each scheme a valid, a tampered, a stale and a replayed delivery,
            then prints the expected and actual outcomes. Exit code: 0 if all match, 1 otherwise.
            """);
        command.SetAction((_, cancellationToken) => CliRunner.RunAsync(context, () => RunAsync(context, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var tolerance = WebhookSchemeOptions.DefaultTolerance;
        var schemes = context.Schemes.AcceptedNames().ToList();
        var secrets = schemes.ToDictionary(s => s, s => context.Schemes.Get(s).GenerateSecret());
        var records = new ConcurrentDictionary<string, TaskCompletionSource<DeliveryRecord>>();

        var configuration = new ReceiverConfiguration
        {
            Urls = "http://127.0.0.1:0",
            Endpoints = [.. schemes.Select(s => new ReceiverEndpoint($"/webhooks/{s}", s, [secrets[s]]))],
            Schemes = context.Schemes,
            Tolerance = tolerance,
        };
        await using var receiver = await WebhookReceiver.StartAsync(
            configuration,
            record =>
            {
                if (record.Tag is { } tag)
                {
                    records.GetOrAdd(tag, _ => NewSlot()).TrySetResult(record);
                }
            },
            cancellationToken).ConfigureAwait(false);

        var baseAddress = receiver.Addresses[0];
        await context.Out.WriteLineAsync($"receiver: {baseAddress} (in-process, exactly-once in memory, tolerance ±{tolerance.TotalMinutes:0} min)").ConfigureAwait(false);
        await context.Out.WriteLineAsync().ConfigureAwait(false);
        var rows = new List<string[]> { new[] { "scheme", "delivery", "expected", "actual", string.Empty } };
        var mismatches = 0;

        // Tampered, stale and replayed deliveries bypass the signing handler, not the guard: they reach the demo's own receiver only.
        var rawHandler = new SocketsHttpHandler { AllowAutoRedirect = false };
        WebhookAddressGuard.Install(rawHandler, () => DeliveryGuard.LoopbackOnly, advice: DeliveryGuard.Advice);
        using var raw = new HttpClient(rawHandler) { Timeout = WebhookSenderOptions.DefaultTimeout };
        foreach (var name in schemes)
        {
            var url = new Uri(baseAddress, $"/webhooks/{name}");
            var scheme = context.Schemes.Get(name).Create(new WebhookSchemeOptions { TimeProvider = context.TimeProvider });
            using var keys = scheme.CreateKeyRing([secrets[name]]);
            var deliveries = await SendAllAsync(name, scheme, keys, url, raw, tolerance, cancellationToken).ConfigureAwait(false);
            foreach (var (kind, expected, status) in deliveries)
            {
                var record = await WaitForRecordAsync(records, $"{name}/{kind}", cancellationToken).ConfigureAwait(false);
                var reason = record?.Reason;
                var actual = string.Create(CultureInfo.InvariantCulture, $"{status} {(status is >= 200 and < 300 && reason is null ? "accepted" : reason ?? "(no reason recorded)")}");
                var ok = expected.IsMetBy(status, reason);
                mismatches += ok ? 0 : 1;
                rows.Add([name, kind, expected.ToString(), actual, ok ? "ok" : "MISMATCH"]);
            }
        }

        await WriteTableAsync(context.Out, rows).ConfigureAwait(false);
        await context.Out.WriteLineAsync().ConfigureAwait(false);
        var total = rows.Count - 1;
        await context.Out.WriteLineAsync(mismatches == 0
            ? $"all {total} outcomes as expected."
            : $"{mismatches} of {total} outcomes differ from the expected ones.").ConfigureAwait(false);
        var untimed = string.Join(", ", schemes.Where(s => !context.Schemes.Get(s).SignsTimestamp));
        await context.Out.WriteLineAsync($"{untimed} sign no timestamp: a stale delivery verifies; a resent one is acknowledged as a duplicate and its handler does not run again.").ConfigureAwait(false);
        await context.Out.WriteLineAsync("gitlab's token covers no body: a changed body is accepted too.").ConfigureAwait(false);
        return mismatches == 0 ? ExitCodes.Valid : ExitCodes.Invalid;
    }

    private static async Task<List<(string Kind, DemoExpectation Expected, int Status)>> SendAllAsync(
        string name, WebhookScheme scheme, KeyRing keys, Uri url, HttpClient raw, TimeSpan tolerance, CancellationToken cancellationToken)
    {
        var results = new List<(string, DemoExpectation, int)>(4);

        // Valid: through the signing handler, as an application sends; the capture keeps the exact wire bytes.
        var now = scheme.TimeProvider.GetUtcNow();
        var target = WebhookRequestTarget.Post(url);
        var (body, headers) = SampleEvents.Default(name).Create(Guid.NewGuid().ToString(), now);
        var capture = new WireCapture(new SocketsHttpHandler { AllowAutoRedirect = false });
        using (var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = scheme, Keys = keys, AllowHttpToLoopback = true }, capture))
        {
            var contentType = headers.FirstOrDefault(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "application/json";
            List<KeyValuePair<string, string>> described = [.. headers.Where(h => !string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)), new(DeliveryRecord.TagHeaderName, $"{name}/valid")];
            using var response = await sender.SendAsync(url, body, described, contentType, cancellationToken).ConfigureAwait(false);
            results.Add(("valid", DemoExpectation.Accept, (int)response.StatusCode));
        }

        // Tampered: signed, then one letter of the body changed in transit.
        var tampered = SampleEvents.Default(name).Create(Guid.NewGuid().ToString(), now);
        var signed = scheme.Sign(tampered.Body, keys, new WebhookSigningParameters { Target = target });
        var altered = signed.Body.ToArray();
        FlipOneLetter(altered);
        // GitLab's token covers no body: a changed body is accepted, which the demo shows as it is.
        var tamperedExpected = name == GitLabToken.SchemeName ? DemoExpectation.Accept : DemoExpectation.Refuse(WebhookFailureReason.SignatureMismatch);
        results.Add(("tampered", tamperedExpected, await PostAsync(raw, url, altered, tampered.HeadersWith(signed.Headers), $"{name}/tampered", cancellationToken).ConfigureAwait(false)));

        // Stale: correctly signed, but twice the tolerance ago.
        var staleAt = now - (2 * tolerance);
        var staleSample = SampleEvents.Default(name).Create(Guid.NewGuid().ToString(), staleAt);
        var stale = scheme.Sign(staleSample.Body, keys, new WebhookSigningParameters { Target = target, Timestamp = staleAt });
        var staleExpected = scheme.SignsTimestamp ? DemoExpectation.Refuse(WebhookFailureReason.TimestampTooOld) : DemoExpectation.Accept;
        results.Add(("stale", staleExpected, await PostAsync(raw, url, stale.Body.ToArray(), staleSample.HeadersWith(stale.Headers), $"{name}/stale", cancellationToken).ConfigureAwait(false)));

        // Replayed: the valid delivery again, byte for byte with its signature.
        var replayHeaders = capture.Headers.Where(h => !string.Equals(h.Key, DeliveryRecord.TagHeaderName, StringComparison.OrdinalIgnoreCase)).ToList();
        results.Add(("replayed", DemoExpectation.Duplicate, await PostAsync(raw, url, capture.Body, replayHeaders, $"{name}/replayed", cancellationToken).ConfigureAwait(false)));
        return results;
    }

    private static async Task<int> PostAsync(HttpClient client, Uri url, byte[] body, IEnumerable<KeyValuePair<string, string>> headers, string tag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation(DeliveryRecord.TagHeaderName, tag);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    private static async Task<DeliveryRecord?> WaitForRecordAsync(ConcurrentDictionary<string, TaskCompletionSource<DeliveryRecord>> records, string tag, CancellationToken cancellationToken)
    {
        // The receiver records a delivery as its response is sent, so the record may trail the response slightly.
        try
        {
            return await records.GetOrAdd(tag, _ => NewSlot()).Task.WaitAsync(RecordWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static TaskCompletionSource<DeliveryRecord> NewSlot() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Changes the case of one letter past the middle of the body: still JSON, no longer the signed bytes.</summary>
    private static void FlipOneLetter(byte[] body)
    {
        for (var i = body.Length / 2; i < body.Length; i++)
        {
            if (char.IsAsciiLetter((char)body[i]))
            {
                body[i] ^= 0x20;
                return;
            }
        }

        body[^1] ^= 0x01;
    }

    private static async Task WriteTableAsync(TextWriter output, List<string[]> rows)
    {
        // A reason comes from the receiver's log events; escaped before measuring, so the columns line up as printed.
        rows = [.. rows.Select(row => row.Select(cell => TerminalText.Escape(cell)).ToArray())];
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => cell.PadRight(widths[c]));
            await output.WriteLineAsync(string.Join("  ", cells).TrimEnd()).ConfigureAwait(false);
        }
    }
}

using System.Globalization;
using WebhookSignatures.Cli.Inspector;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Receiving;
using WebhookSignatures.Cli.Recording;

namespace WebhookSignatures.Cli.Commands.Listen;

/// <summary>
/// What <c>listen</c> does with each delivery the receiver records (saves it, adds it to the inspector, prints its
/// line) and the lines it prints when it starts and stops, one writer at a time so lines never interleave.
/// </summary>
internal sealed class ListenOutput(CliContext context, ListenSettings settings, DeliveryLog? log)
{
    private readonly object _gate = new();

    /// <summary>Called by the receiver once per request, after the response is decided.</summary>
    public void OnDelivery(DeliveryRecord record)
    {
        var recorder = settings.Recorder;
        string? savedAs = null;
        string? saveError = null;
        var stoppedNow = false;

        // Only what came to the receiving path: not a 404 to another path, a preflight or another method.
        if (recorder is not null && record.Endpoint is not null && record.Request is { } captured)
        {
            try
            {
                savedAs = recorder.Save(DeliveryFile.From(record, captured), out stoppedNow);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                saveError = e.Message;
            }
        }

        if (log is not null && record.Request is { } request)
        {
            log.Add(sequence => DeliveryInspection.Create(context.Schemes, sequence, record, request, settings.Tolerance, savedAs));
        }

        lock (_gate)
        {
            if (settings.PrintDeliveries)
            {
                context.Out.WriteLine(record.ToString());
                if (settings.PrintRequests && record.Request is { } shown)
                {
                    DeliveryDump.Write(context.Out, shown, settings.Secrets);
                }
            }

            if (saveError is not null)
            {
                context.Error.WriteLine($"warning: --save could not write the delivery to {TerminalText.Escape(recorder!.Folder)}: {TerminalText.Escape(saveError)}");
            }

            if (stoppedNow)
            {
                context.Error.WriteLine(SaveStopped(recorder!));
            }
        }
    }

    /// <summary>Says where the receiver listens, how it handles deliveries, and where the inspector and recordings are.</summary>
    public void Listening(IReadOnlyList<Uri> addresses, (string Facts, string? Shortfall)? redis = null)
    {
        var where = string.Join(", ", addresses.Select(a => new Uri(a, settings.Route).ToString()));
        var secrets = settings.Secrets.Count;
        var exactlyOnce = !settings.ExactlyOnce ? "off" : settings.Redis is null ? "in memory" : "in Redis at " + RedisAddress.Display(settings.Redis);
        var forwarding = settings.ForwardTo is null ? string.Empty : ", forwarding to " + HiddenCredentials.InUrl(settings.ForwardTo.ToString());
        lock (_gate)
        {
            context.Out.WriteLine($"listening on {where} ({settings.SchemeName}, {secrets} secret{(secrets == 1 ? string.Empty : "s")}, exactly-once {exactlyOnce}{forwarding}); Ctrl+C stops.");
            if (redis is { } store)
            {
                var replication = settings.RedisReplicas > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"; replicated completion: {settings.RedisReplicas} replica(s) within {settings.RedisReplicationWait.TotalMilliseconds:0} ms")
                    : "; replicated completion off";
                context.Out.WriteLine($"{TerminalText.Escape(store.Facts)}{replication}");
                if (store.Shortfall is { } shortfall)
                {
                    context.Error.WriteLine($"warning: {TerminalText.Escape(shortfall)}");
                }
            }

            if (log is not null)
            {
                context.Out.WriteLine($"inspector on {string.Join(", ", addresses.Select(a => new Uri(a, InspectorEndpoints.BasePath).ToString()))}");
            }

            if (settings.Recorder is { } recorder)
            {
                context.Out.WriteLine($"saving deliveries to {TerminalText.Escape(recorder.Folder)} (up to {recorder.MaxFiles} recordings and {ByteSize.Format(recorder.MaxBytes)}; it holds {recorder.Holding})");
                if (recorder.Stopped)
                {
                    context.Error.WriteLine(SaveStopped(recorder));
                }
            }
        }
    }

    public void Stopped()
    {
        lock (_gate)
        {
            context.Out.WriteLine("stopped.");
        }
    }

    private static string SaveStopped(DeliveryRecorder recorder) =>
        $"warning: --save stopped: {TerminalText.Escape(recorder.Folder)} holds {recorder.Holding}, and the next recording would pass --save-max-files {recorder.MaxFiles} "
        + $"or --save-max-bytes {ByteSize.Format(recorder.MaxBytes)}; no more deliveries are saved in this run and none is deleted.";
}

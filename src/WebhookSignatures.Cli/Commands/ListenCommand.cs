using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WebhookSignatures.Cli.Inspector;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Receiving;
using WebhookSignatures.Cli.Recording;
using WebhookSignatures.Redis;

namespace WebhookSignatures.Cli.Commands;

/// <summary><c>webhooksig listen</c>: a Kestrel receiver that verifies every delivery and prints one line for each.</summary>
internal static class ListenCommand
{
    public const string Example = """
        webhooksig listen --urls http://127.0.0.1:5080 --scheme github --secret-env GITHUB_WEBHOOK_SECRET \
          --path /webhooks/github --redis 127.0.0.1:6379
        """;

    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, e.g. http://127.0.0.1:5080 (several separated by ';').",
            Required = true,
            HelpName = "url",
        };
        var scheme = CliOptions.Scheme();
        var secrets = CliOptions.Secrets("An accepted secret (at least 16 bytes); repeat it, current first, during a rotation.");
        var secretEnv = CliOptions.SecretEnvironmentVariables();
        var path = new Option<string>("--path") { Description = "The path that receives deliveries (default /).", HelpName = "path", DefaultValueFactory = _ => "/" };
        var tolerance = CliOptions.Tolerance();
        var redis = new Option<string?>("--redis")
        {
            Description = "Shares exactly-once handling through Redis at host:port, so several listen instances handle each delivery once (default: in memory).",
            HelpName = "host:port",
        };
        var forwardTo = new Option<string?>("--forward-to")
        {
            Description = "Posts each verified first-time delivery, with its headers and exact body, to this URL and answers with its status; "
                + "a failure or an unreachable URL (502) leaves the delivery to the sender's retry.",
            HelpName = "url",
        };
        var noReplayProtection = new Option<bool>("--no-replay-protection")
        {
            Description = "Accepts a delivery however often it comes (for load tests that resend one delivery); never for real traffic.",
        };
        var quiet = new Option<bool>("--quiet") { Description = "Prints no line per delivery, only when it starts and stops." };
        var verbose = new Option<bool>("--verbose") { Description = "Prints each delivery's headers and body under its line (escaped; credentials hidden)." };
        var inspect = new Option<bool>("--inspect")
        {
            Description = $"Serves the inspector at {InspectorEndpoints.BasePath} on the listen address: every delivery live, with its verdict, hints, headers and body; copy as a verify command; resend.",
        };
        var inspectKeep = new Option<int>("--inspect-keep")
        {
            Description = $"How many deliveries the inspector keeps (default 100; fewer when together they pass {DeliveryLog.DefaultMaxBytes / (1024 * 1024)} MiB).",
            HelpName = "count",
            DefaultValueFactory = _ => 100,
        };
        var inspectRemote = new Option<bool>("--inspect-remote")
        {
            Description = "Lets other machines open the inspector (default: loopback connections only). It shows every delivery's headers and body, and it no longer checks the Host header, so use it only on a network you trust.",
        };
        var save = new Option<string?>("--save")
        {
            Description = "Writes each request to the receiving path (headers, exact body, verdict; refused ones marked) to its own JSON file in this directory, for replay and verify --delivery.",
            HelpName = "dir",
        };
        var saveMaxBytes = new Option<string?>("--save-max-bytes")
        {
            Description = $"Stops recording before the directory's recordings pass this size, those already there counted (default {ByteSize.Format(DeliveryRecorder.DefaultMaxBytes)}; e.g. 500MiB); none is ever deleted.",
            HelpName = "size",
        };
        var saveMaxFiles = new Option<int?>("--save-max-files")
        {
            Description = $"Stops recording before the directory holds more recordings than this, those already there counted (default {DeliveryRecorder.DefaultMaxFiles}).",
            HelpName = "count",
        };

        var command = new Command("listen", """
            Receives webhooks with the ASP.NET Core package: 2xx for a verified delivery, 401 otherwise, 413 over the size limit.
            Prints one line per delivery (time, scheme, event, outcome, reason). Stops on Ctrl+C or SIGTERM.
            """)
        {
            urls, scheme, secrets, secretEnv, path, tolerance, redis, forwardTo, noReplayProtection, quiet, verbose, inspect, inspectKeep, inspectRemote, save,
            saveMaxBytes, saveMaxFiles,
        };

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var name = parse.GetRequiredValue(scheme);
            var route = ReceivingPath.Validate(parse.GetRequiredValue(path));
            var listenUrls = ListenAddresses.Validate(parse.GetRequiredValue(urls));

            var secretList = CliInputs.ReadSecrets(context, parse.GetValue(secrets), parse.GetValue(secretEnv));
            EnsureUsableSecrets(name, secretList);
            var window = CliRunner.ReadTolerance(parse.GetValue(tolerance), ToolCatalog.Schemes.Get(name).DefaultTolerance, CliOptions.MaxTolerance);
            var redisAddress = parse.GetValue(redis) is { } given ? RedisAddress.Validate(given) : null;
            var replayProtection = !parse.GetValue(noReplayProtection);
            if (!replayProtection && redisAddress is not null)
            {
                throw new UsageException("--redis shares replay protection, and --no-replay-protection turns it off: give one of them.");
            }

            var target = ReadForwardTarget(parse.GetValue(forwardTo));
            var printDeliveries = !parse.GetValue(quiet);
            var printRequests = parse.GetValue(verbose);
            if (printRequests && !printDeliveries)
            {
                throw new UsageException("--verbose prints more per delivery and --quiet prints nothing per delivery: give one of them.");
            }

            var keep = parse.GetValue(inspectKeep);
            if (keep is < 1 or > 10_000)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--inspect-keep must be between 1 and 10000; got {keep}."));
            }

            var inspecting = parse.GetValue(inspect);
            if (!inspecting && (parse.GetResult(inspectKeep) is { Implicit: false } || parse.GetValue(inspectRemote)))
            {
                throw new UsageException("--inspect-keep and --inspect-remote go with --inspect.");
            }

            if (inspecting && route.StartsWith(InspectorEndpoints.BasePath, StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"--path {route} is where --inspect serves the inspector; choose another path.");
            }

            var recorder = ReadRecorder(parse.GetValue(save), parse.GetValue(saveMaxBytes), parse.GetValue(saveMaxFiles));
            var log = inspecting ? new DeliveryLog(keep, DeliveryLog.DefaultMaxBytes, DeliveryLog.DefaultReaderMaxBytes) : null;
            using var inspector = log is null ? null : new InspectorEndpoints(log, parse.GetValue(inspectRemote));

            var gate = new object();
            void OnDelivery(DeliveryRecord record)
            {
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
                    log.Add(sequence => DeliveryInspection.Create(sequence, record, request, window, savedAs));
                }

                lock (gate)
                {
                    if (printDeliveries)
                    {
                        context.Out.WriteLine(record.ToString());
                        if (printRequests && record.Request is { } shown)
                        {
                            DeliveryDump.Write(context.Out, shown, secretList);
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

            var extras = new ReceiverExtras
            {
                CaptureRequests = recorder is not null || log is not null || printRequests,
                MapRoutes = inspector is null ? null : inspector.Map,
            };

            WebhookReceiver receiver;
            try
            {
                receiver = await WebhookReceiver.StartAsync(
                    listenUrls,
                    [new ReceiverEndpoint(route, name, secretList)],
                    window,
                    replayProtection,
                    redisAddress,
                    target,
                    OnDelivery,
                    cancellationToken,
                    extras).ConfigureAwait(false);
            }
            catch (InvalidOperationException e) when (redisAddress is not null && e.InnerException is RedisException or TimeoutException)
            {
                throw new UsageException($"--redis {RedisAddress.Display(redisAddress)}: {e.Message}", e);
            }
            catch (OptionsValidationException e) when (redisAddress is not null && e.OptionsType == typeof(RedisWebhookDeliveryStoreOptions))
            {
                throw new UsageException($"--redis {RedisAddress.Display(redisAddress)}: {string.Join(" ", e.Failures)}", e);
            }
            catch (OptionsValidationException e)
            {
                // What the library refuses at start-up; its messages name settings, never a secret.
                throw new UsageException($"The receiver cannot start with these options: {string.Join(" ", e.Failures)}", e);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or UriFormatException)
            {
                throw new UsageException($"Cannot listen on '{listenUrls}': {e.Message}", e);
            }

            if (inspector is not null)
            {
                inspector.ReceiverAddress = Loopback(receiver.Addresses[0]);
                inspector.Listening = $"{string.Join(", ", receiver.Addresses.Select(a => new Uri(a, route).ToString()))} ({name})";
            }

            await using (receiver.ConfigureAwait(false))
            {
                var where = string.Join(", ", receiver.Addresses.Select(a => new Uri(a, route).ToString()));
                lock (gate)
                {
                    context.Out.WriteLine($"listening on {where} ({name}, {secretList.Count} secret{(secretList.Count == 1 ? string.Empty : "s")}, exactly-once {(!replayProtection ? "off" : redisAddress is null ? "in memory" : "in Redis at " + RedisAddress.Display(redisAddress))}{(target is null ? string.Empty : ", forwarding to " + HiddenCredentials.InUrl(target.ToString()))}); Ctrl+C stops.");
                    if (inspector is not null)
                    {
                        context.Out.WriteLine($"inspector on {string.Join(", ", receiver.Addresses.Select(a => new Uri(a, InspectorEndpoints.BasePath).ToString()))}");
                    }

                    if (recorder is not null)
                    {
                        context.Out.WriteLine($"saving deliveries to {TerminalText.Escape(recorder.Folder)} (up to {recorder.MaxFiles} recordings and {ByteSize.Format(recorder.MaxBytes)}; it holds {recorder.Holding})");
                        if (recorder.Stopped)
                        {
                            context.Error.WriteLine(SaveStopped(recorder));
                        }
                    }
                }

                context.ListenerStarted?.Invoke(new Uri(receiver.Addresses[0], route));
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, receiver.Stopping);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C, SIGTERM or the caller: stop gracefully below.
                }
            }

            lock (gate)
            {
                context.Out.WriteLine("stopped.");
            }

            return ExitCodes.Valid;
        }));
        return command;
    }

    private static DeliveryRecorder? ReadRecorder(string? folder, string? maxBytes, int? maxFiles)
    {
        if (folder is null)
        {
            if (maxBytes is not null || maxFiles is not null)
            {
                throw new UsageException("--save-max-bytes and --save-max-files go with --save.");
            }

            return null;
        }

        if (maxFiles is < 1)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--save-max-files must be at least 1; got {maxFiles}."));
        }

        return DeliveryRecorder.Open(
            folder,
            maxBytes is null ? DeliveryRecorder.DefaultMaxBytes : ByteSize.Parse(maxBytes, "--save-max-bytes"),
            maxFiles ?? DeliveryRecorder.DefaultMaxFiles);
    }

    private static string SaveStopped(DeliveryRecorder recorder) =>
        $"warning: --save stopped: {TerminalText.Escape(recorder.Folder)} holds {recorder.Holding}, and the next recording would pass --save-max-files {recorder.MaxFiles} "
        + $"or --save-max-bytes {ByteSize.Format(recorder.MaxBytes)}; no more deliveries are saved in this run and none is deleted.";

    /// <summary>The receiver's address as the inspector reaches it: a wildcard address is reached on loopback.</summary>
    private static Uri Loopback(Uri address) => address.Host is "0.0.0.0" or "[::]" or "localhost"
        ? new UriBuilder(address) { Host = address.Host == "[::]" ? "[::1]" : "127.0.0.1" }.Uri
        : address;

    private static Uri? ReadForwardTarget(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
            || target.HostNameType == UriHostNameType.Unknown || target.Port is < 1 or > 65535)
        {
            throw new UsageException($"--forward-to needs an absolute http:// or https:// URL with a host and a port from 1 to 65535; got '{HiddenCredentials.InUrl(text)}'.");
        }

        return target;
    }

    /// <summary>The receiver refuses deliveries when its secrets are missing or weak, so say so before starting.</summary>
    private static void EnsureUsableSecrets(string schemeName, List<string> secrets)
    {
        if (secrets.Count == 0)
        {
            throw new UsageException("listen needs at least one --secret or --secret-env.");
        }

        var scheme = ToolCatalog.Schemes.Get(schemeName).Default;
        using var keys = CliInputs.CreateKeyRing(scheme, secrets);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys.GetKind(i) == WebhookKeyKind.Secret && !KeyRing.IsStrong(keys.GetKey(i)))
            {
                throw new UsageException($"Secret #{i} is shorter than {KeyRing.MinimumStrongLength} bytes; the receiver refuses weak secrets.");
            }
        }
    }
}

using System.CommandLine;
using WebhookSignatures.Cli.Receiving;
using WebhookSignatures.Ed25519;

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

        var command = new Command("listen", """
            Receives webhooks with the ASP.NET Core package: 2xx for a verified delivery, 401 otherwise, 413 over the size limit.
            Prints one line per delivery (time, scheme, event, outcome, reason). Stops on Ctrl+C or SIGTERM.
            """)
        {
            urls, scheme, secrets, secretEnv, path, tolerance, redis, forwardTo, noReplayProtection, quiet,
        };

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var name = parse.GetRequiredValue(scheme);
            var route = parse.GetRequiredValue(path);
            if (!route.StartsWith('/'))
            {
                throw new UsageException($"--path must start with '/'; got '{route}'.");
            }

            var secretList = CliInputs.ReadSecrets(context, parse.GetValue(secrets), parse.GetValue(secretEnv));
            EnsureUsableSecrets(name, secretList);
            var window = CliRunner.ReadTolerance(parse.GetValue(tolerance), Ed25519SchemeCatalog.Get(name).DefaultTolerance);
            var redisAddress = parse.GetValue(redis);
            var replayProtection = !parse.GetValue(noReplayProtection);
            if (!replayProtection && redisAddress is not null)
            {
                throw new UsageException("--redis shares replay protection, and --no-replay-protection turns it off: give one of them.");
            }

            var target = ReadForwardTarget(parse.GetValue(forwardTo));
            var printDeliveries = !parse.GetValue(quiet);

            var gate = new object();
            WebhookReceiver receiver;
            try
            {
                receiver = await WebhookReceiver.StartAsync(
                    parse.GetRequiredValue(urls),
                    [new ReceiverEndpoint(route, name, secretList)],
                    window,
                    replayProtection,
                    redisAddress,
                    target,
                    record =>
                    {
                        if (printDeliveries)
                        {
                            lock (gate)
                            {
                                context.Out.WriteLine(record.ToString());
                            }
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or UriFormatException)
            {
                throw new UsageException($"Cannot listen on '{parse.GetRequiredValue(urls)}': {e.Message}", e);
            }

            await using (receiver.ConfigureAwait(false))
            {
                var where = string.Join(", ", receiver.Addresses.Select(a => new Uri(a, route).ToString()));
                lock (gate)
                {
                    context.Out.WriteLine($"listening on {where} ({name}, {secretList.Count} secret{(secretList.Count == 1 ? string.Empty : "s")}, exactly-once {(!replayProtection ? "off" : redisAddress is null ? "in memory" : "in Redis at " + redisAddress)}{(target is null ? string.Empty : ", forwarding to " + target)}); Ctrl+C stops.");
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

    private static Uri? ReadForwardTarget(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--forward-to needs an absolute http:// or https:// URL; got '{text}'.");
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

        var scheme = Ed25519SchemeCatalog.Get(schemeName).Default;
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

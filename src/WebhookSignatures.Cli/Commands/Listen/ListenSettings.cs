using System.CommandLine;
using System.Globalization;
using WebhookSignatures.Cli.Inspector;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Receiving;
using WebhookSignatures.Cli.Recording;
using WebhookSignatures.Redis;

namespace WebhookSignatures.Cli.Commands.Listen;

/// <summary>
/// What <c>listen</c> was asked to do, read from its options and checked before anything starts: every option that is
/// out of range, or that contradicts another, is a usage error here.
/// </summary>
internal sealed class ListenSettings
{
    /// <summary>The scheme the receiving path requires, a name in the context's catalog.</summary>
    public required string SchemeName { get; init; }

    /// <summary>The receiving path, such as <c>/</c> or <c>/webhooks/github</c>.</summary>
    public required string Route { get; init; }

    /// <summary>Kestrel's URLs, separated by ';'.</summary>
    public required string Urls { get; init; }

    /// <summary>The accepted secrets, current first; each strong enough for the receiver.</summary>
    public required IReadOnlyList<string> Secrets { get; init; }

    /// <summary>The replay window of timestamped schemes.</summary>
    public required TimeSpan Tolerance { get; init; }

    /// <summary>Whether a delivery's handler runs once however often it comes (off with <c>--no-exactly-once</c>).</summary>
    public required bool ExactlyOnce { get; init; }

    /// <summary>The reservation's lease (<c>--lease</c>), or null for the library's default.</summary>
    public TimeSpan? Lease { get; init; }

    /// <summary>The Redis <c>host:port</c> that shares exactly-once handling, or null for memory.</summary>
    public string? Redis { get; init; }

    /// <summary>How many replicas each reservation and completion waits for (<c>--redis-replicas</c>); 0 for none.</summary>
    public int RedisReplicas { get; init; }

    /// <summary>How long each write waits for them (<c>--redis-replication-wait</c>).</summary>
    public TimeSpan RedisReplicationWait { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>What the Redis may forget without a warning (<c>--redis-durability</c>).</summary>
    public RedisDeliveryStoreDurability RedisDurability { get; init; } = RedisDeliveryStoreDurability.SurvivesRestart;

    /// <summary>Where verified first-time deliveries are posted, or null to answer 204.</summary>
    public Uri? ForwardTo { get; init; }

    /// <summary>Whether a line is printed per delivery (not <c>--quiet</c>).</summary>
    public required bool PrintDeliveries { get; init; }

    /// <summary>Whether each delivery's headers and body are printed under its line (<c>--verbose</c>).</summary>
    public required bool PrintRequests { get; init; }

    /// <summary>How many deliveries the inspector keeps, or null without <c>--inspect</c>.</summary>
    public int? InspectKeep { get; init; }

    /// <summary>Whether other machines may open the inspector.</summary>
    public bool InspectRemote { get; init; }

    /// <summary>Where <c>--save</c> writes each delivery, its directory opened and counted, or null.</summary>
    public DeliveryRecorder? Recorder { get; init; }

    /// <summary>Reads and checks the options; the recorder's directory is created here, so an unusable one stops the start.</summary>
    public static ListenSettings Read(CliContext context, ParseResult parse, ListenOptions options)
    {
        var name = parse.GetRequiredValue(options.Scheme);
        var route = ReceivingPath.Validate(parse.GetRequiredValue(options.Path));
        var urls = ListenAddresses.Validate(parse.GetRequiredValue(options.Urls));

        var secrets = CliInputs.ReadSecrets(context, parse.GetValue(options.Secrets), parse.GetValue(options.SecretEnv));
        var descriptor = context.Schemes.Get(name);
        EnsureUsableSecrets(descriptor.Default, secrets);
        var tolerance = CliRunner.ReadTolerance(parse.GetValue(options.Tolerance), descriptor.DefaultTolerance, CliOptions.MaxTolerance);
        var redis = parse.GetValue(options.Redis) is { } given ? RedisAddress.Validate(given) : null;
        var exactlyOnce = !parse.GetValue(options.NoExactlyOnce);
        if (!exactlyOnce && redis is not null)
        {
            throw new UsageException("--redis shares exactly-once handling, and --no-exactly-once turns it off: give one of them.");
        }

        var lease = ReadLease(parse.GetValue(options.Lease));
        if (!exactlyOnce && lease is not null)
        {
            throw new UsageException("--lease is how long a reservation holds, and --no-exactly-once reserves nothing: give one of them.");
        }

        var replicas = parse.GetValue(options.RedisReplicas);
        var wait = parse.GetValue(options.RedisReplicationWait);
        var durability = parse.GetValue(options.RedisDurability);
        if (redis is null && (replicas is not null || wait is not null || durability is not null))
        {
            throw new UsageException("--redis-replicas, --redis-replication-wait and --redis-durability go with --redis.");
        }

        if (replicas is < 0 or > 16)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--redis-replicas must be between 0 and 16; got {replicas}."));
        }

        if (wait is < 1 or > 60_000)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--redis-replication-wait must be between 1 and 60000 milliseconds; got {wait}."));
        }

        if (wait is not null && replicas is null or 0)
        {
            throw new UsageException("--redis-replication-wait goes with --redis-replicas.");
        }

        var accepted = durability switch
        {
            null or "survives-restart" => RedisDeliveryStoreDurability.SurvivesRestart,
            "may-forget-on-restart" => RedisDeliveryStoreDurability.MayForgetOnRestart,
            "survives-failover" when replicas > 0 => RedisDeliveryStoreDurability.SurvivesFailover,
            "survives-failover" => throw new UsageException("--redis-durability survives-failover needs --redis-replicas 1 or more."),
            _ => throw new UsageException($"--redis-durability must be may-forget-on-restart, survives-restart or survives-failover; got '{TerminalText.Escape(durability)}'."),
        };

        var forwardTo = ReadForwardTarget(parse.GetValue(options.ForwardTo));
        var printDeliveries = !parse.GetValue(options.Quiet);
        var printRequests = parse.GetValue(options.Verbose);
        if (printRequests && !printDeliveries)
        {
            throw new UsageException("--verbose prints more per delivery and --quiet prints nothing per delivery: give one of them.");
        }

        var keep = parse.GetValue(options.InspectKeep);
        if (keep is < 1 or > 10_000)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--inspect-keep must be between 1 and 10000; got {keep}."));
        }

        var inspect = parse.GetValue(options.Inspect);
        var inspectRemote = parse.GetValue(options.InspectRemote);
        if (!inspect && (parse.GetResult(options.InspectKeep) is { Implicit: false } || inspectRemote))
        {
            throw new UsageException("--inspect-keep and --inspect-remote go with --inspect.");
        }

        if (inspect && route.StartsWith(InspectorEndpoints.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--path {route} is where --inspect serves the inspector; choose another path.");
        }

        return new ListenSettings
        {
            SchemeName = name,
            Route = route,
            Urls = urls,
            Secrets = secrets,
            Tolerance = tolerance,
            ExactlyOnce = exactlyOnce,
            Redis = redis,
            Lease = lease,
            RedisReplicas = replicas ?? 0,
            RedisReplicationWait = TimeSpan.FromMilliseconds(wait ?? 500),
            RedisDurability = accepted,
            ForwardTo = forwardTo,
            PrintDeliveries = printDeliveries,
            PrintRequests = printRequests,
            InspectKeep = inspect ? keep : null,
            InspectRemote = inspectRemote,
            Recorder = ReadRecorder(parse.GetValue(options.Save), parse.GetValue(options.SaveMaxBytes), parse.GetValue(options.SaveMaxFiles)),
        };
    }

    /// <summary>The receiver refuses deliveries when its secrets are missing or weak, so say so before starting.</summary>
    private static void EnsureUsableSecrets(WebhookScheme scheme, List<string> secrets)
    {
        if (secrets.Count == 0)
        {
            throw new UsageException("listen needs at least one --secret or --secret-env.");
        }

        using var keys = CliInputs.CreateKeyRing(scheme, secrets);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys.GetKind(i) == WebhookKeyKind.Secret && !KeyRing.IsStrong(keys.GetKey(i)))
            {
                throw new UsageException($"Secret #{i} is shorter than {KeyRing.MinimumStrongLength} bytes; the receiver refuses weak secrets.");
            }
        }
    }

    private static TimeSpan? ReadLease(double? seconds)
    {
        // The library's own bounds, said here as a usage error before anything starts.
        if (seconds is null)
        {
            return null;
        }

        if (seconds is not (>= 1 and <= 86_400))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--lease must be seconds from 1 to 86400 (a day); got {seconds}."));
        }

        return TimeSpan.FromSeconds(seconds.Value);
    }

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
}

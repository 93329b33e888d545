using System.CommandLine;
using WebhookSignatures.Cli.Inspector;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Recording;

namespace WebhookSignatures.Cli.Commands.Listen;

/// <summary><c>listen</c>'s options, with their help; <see cref="ListenSettings"/> reads and checks what they were given.</summary>
internal sealed class ListenOptions
{
    public ListenOptions(WebhookSchemeCatalog schemes) => Scheme = CliOptions.Scheme(schemes);

    public Option<string> Urls { get; } = new("--urls")
    {
        Description = "Where to listen, e.g. http://127.0.0.1:5080 (several separated by ';').",
        Required = true,
        HelpName = "url",
    };

    public Option<string> Scheme { get; }

    public Option<string[]> Secrets { get; } = CliOptions.Secrets("An accepted secret (at least 16 bytes); repeat it, current first, during a rotation.");

    public Option<string[]> SecretEnv { get; } = CliOptions.SecretEnvironmentVariables();

    public Option<string> Path { get; } = new("--path") { Description = "The path that receives deliveries (default /).", HelpName = "path", DefaultValueFactory = _ => "/" };

    public Option<double?> Tolerance { get; } = CliOptions.Tolerance();

    public Option<string?> Redis { get; } = new("--redis")
    {
        Description = "Shares exactly-once handling through Redis at host:port, so several listen instances handle each delivery once (default: in memory).",
        HelpName = "host:port",
    };

    public Option<int?> RedisReplicas { get; } = new("--redis-replicas")
    {
        Description = "Waits until this many Redis replicas hold each reservation and completion (WAIT) before going on; a reservation they do not acknowledge in time answers 503 (default 0: off).",
        HelpName = "count",
    };

    public Option<int?> RedisReplicationWait { get; } = new("--redis-replication-wait")
    {
        Description = "How long, in milliseconds, a write waits for --redis-replicas (default 500).",
        HelpName = "ms",
    };

    public Option<string?> RedisDurability { get; } = new("--redis-durability")
    {
        Description = "What the Redis may forget without a warning: may-forget-on-restart, survives-restart (default: an append-only file) or survives-failover (with --redis-replicas).",
        HelpName = "level",
    };

    public Option<string?> ForwardTo { get; } = new("--forward-to")
    {
        Description = "Posts each verified first-time delivery, with its headers and exact body, to this URL and answers with its status; "
            + "a failure or an unreachable URL (502) leaves the delivery to the sender's retry.",
        HelpName = "url",
    };

    public Option<double?> Lease { get; } = new("--lease")
    {
        Description = "How long a delivery's reservation holds without being renewed, in seconds, from 1 to 86400 (default 30). "
            + "It is renewed while the handler runs; a listen instance that dies mid-delivery blocks that delivery's retries this long.",
        HelpName = "seconds",
    };

    public Option<bool> NoExactlyOnce { get; } = new("--no-exactly-once")
    {
        Description = "Accepts a delivery however often it comes, running the handler each time (for load tests that resend one delivery); never for real traffic.",
    };

    public Option<bool> Quiet { get; } = new("--quiet") { Description = "Prints no line per delivery, only when it starts and stops." };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Prints each delivery's headers and body under its line (escaped; credentials hidden)." };

    public Option<bool> Inspect { get; } = new("--inspect")
    {
        Description = $"Serves the inspector at {InspectorEndpoints.BasePath} on the listen address: every delivery live, with its verdict, hints, headers and body; copy as a verify command; resend.",
    };

    public Option<int> InspectKeep { get; } = new("--inspect-keep")
    {
        Description = $"How many deliveries the inspector keeps (default 100; fewer when together they pass {DeliveryLog.DefaultMaxBytes / (1024 * 1024)} MiB).",
        HelpName = "count",
        DefaultValueFactory = _ => 100,
    };

    public Option<bool> InspectRemote { get; } = new("--inspect-remote")
    {
        Description = "Lets other machines open the inspector (default: loopback connections only). It shows every delivery's headers and body, and it no longer checks the Host header, so use it only on a network you trust.",
    };

    public Option<string?> Save { get; } = new("--save")
    {
        Description = "Writes each request to the receiving path (headers, exact body, verdict; refused ones marked) to its own JSON file in this directory, for replay and verify --delivery.",
        HelpName = "dir",
    };

    public Option<string?> SaveMaxBytes { get; } = new("--save-max-bytes")
    {
        Description = $"Stops recording before the directory's recordings pass this size, those already there counted (default {ByteSize.Format(DeliveryRecorder.DefaultMaxBytes)}; e.g. 500MiB); none is ever deleted.",
        HelpName = "size",
    };

    public Option<int?> SaveMaxFiles { get; } = new("--save-max-files")
    {
        Description = $"Stops recording before the directory holds more recordings than this, those already there counted (default {DeliveryRecorder.DefaultMaxFiles}).",
        HelpName = "count",
    };

    /// <summary>Every option, in the order the help lists them.</summary>
    public IEnumerable<Option> All =>
    [
        Urls, Scheme, Secrets, SecretEnv, Path, Tolerance, Redis, RedisReplicas, RedisReplicationWait, RedisDurability, ForwardTo, Lease, NoExactlyOnce, Quiet, Verbose, Inspect, InspectKeep, InspectRemote, Save,
        SaveMaxBytes, SaveMaxFiles,
    ];
}

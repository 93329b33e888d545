using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WebhookSignatures.Redis;

/// <summary>
/// The one Redis connection the delivery store, its start-up check and its health check share: either opened from
/// <see cref="RedisWebhookDeliveryStoreOptions.Configuration"/> on first use and owned (closed with the application),
/// or a connection the application owns, which it leaves open.
/// </summary>
/// <remarks>
/// Connecting is asynchronous and happens once (at start, through the start-up check): nothing blocks a thread
/// waiting for Redis. The connection never aborts on failure; it keeps retrying in the background, so a Redis that
/// was down at first use or went away later is used again as soon as it answers.
/// </remarks>
internal sealed class RedisDeliveryStoreConnection : IAsyncDisposable, IDisposable
{
    private readonly ConfigurationOptions? _configuration;
    private readonly object _lock = new();
    private Task<IConnectionMultiplexer>? _connecting;
    private bool _disposed;

    private RedisDeliveryStoreConnection(ConfigurationOptions configuration, RedisWebhookDeliveryStoreOptions options)
    {
        _configuration = configuration;
        KeyPrefix = options.KeyPrefix;
        CheckTimeout = CheckTimeoutOf(options);
        Endpoints = DescribeEndpoints(configuration.EndPoints);
        Options = options;
        if (options.ReplicatedCompletionReplicas > 0)
        {
            Replicated = new RedisReplicatedWrites(
                configuration, options.ReplicatedCompletionReplicas, options.ReplicatedCompletionWait, options.ReplicatedCompletionConnections, options.OperationTimeout);
        }
    }

    private RedisDeliveryStoreConnection(IConnectionMultiplexer connection, string keyPrefix, TimeSpan checkTimeout, RedisWebhookDeliveryStoreOptions options)
    {
        _connecting = Task.FromResult(connection);
        KeyPrefix = keyPrefix;
        CheckTimeout = checkTimeout;
        Endpoints = DescribeEndpoints(connection.GetEndPoints(configuredOnly: true));
        Options = options;
    }

    /// <summary>The options the store was registered with: what it accepts that Redis may lose, and replicated completion.</summary>
    public RedisWebhookDeliveryStoreOptions Options { get; }

    /// <summary>What Redis could lose when last read, by the start-up check or the health check; null before.</summary>
    public RedisServerFacts? LastFacts { get; set; }

    /// <summary>The pool for writes that wait for replicas, when replicated completion is on.</summary>
    public RedisReplicatedWrites? Replicated { get; }

    public string KeyPrefix { get; }

    /// <summary>
    /// How long the start-up check and the health check wait for connecting and a <c>PING</c>: the connect and
    /// operation timeouts and a second more (the client looks for timed-out commands once a second), so the client's
    /// own failure, which says why, comes first.
    /// </summary>
    public TimeSpan CheckTimeout { get; }

    /// <summary>Where Redis is, as <c>host:port</c>, for messages: never the password or any other option.</summary>
    public string Endpoints { get; }

    /// <summary>Whether the store opened this connection and so closes it.</summary>
    public bool IsOwned => _configuration is not null;

    /// <summary>The store's connection over one the application owns.</summary>
    public static RedisDeliveryStoreConnection Over(IConnectionMultiplexer connection, string keyPrefix, TimeSpan checkTimeout) =>
        new(connection, keyPrefix, checkTimeout, new RedisWebhookDeliveryStoreOptions { KeyPrefix = keyPrefix });

    /// <summary>The connection from the application's options: opened by the store, or the one registered.</summary>
    public static RedisDeliveryStoreConnection Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RedisWebhookDeliveryStoreOptions>>().Value;
        if (!string.IsNullOrEmpty(options.Configuration))
        {
            return new RedisDeliveryStoreConnection(ToConfigurationOptions(options), options);
        }

        var connection = services.GetService<IConnectionMultiplexer>() ?? throw new InvalidOperationException(
            "The Redis webhook delivery store has no connection: set RedisWebhookDeliveryStoreOptions.Configuration " +
            "(AddRedisDeliveryStore(\"host:port\")) or register an IConnectionMultiplexer in the application's services.");
        return new RedisDeliveryStoreConnection(connection, options.KeyPrefix, CheckTimeoutOf(options), options);
    }

    private static TimeSpan CheckTimeoutOf(RedisWebhookDeliveryStoreOptions options) =>
        options.ConnectTimeout + options.OperationTimeout + TimeSpan.FromSeconds(1);

    /// <summary>
    /// The store's connection settings: bounded timeouts so an unreachable Redis fails a request within about a
    /// second, and no abort on a failed connect, so the connection keeps retrying and recovers by itself.
    /// </summary>
    internal static ConfigurationOptions ToConfigurationOptions(RedisWebhookDeliveryStoreOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);
        var connectTimeout = Milliseconds(options.ConnectTimeout);
        var operationTimeout = Milliseconds(options.OperationTimeout);
        configuration.ConnectTimeout = connectTimeout;
        configuration.SyncTimeout = operationTimeout;
        configuration.AsyncTimeout = operationTimeout;
        configuration.AbortOnConnectFail = false;
        configuration.ConnectRetry = 1;

        // Lets the start-up check read appendfsync with CONFIG GET; the store sends no other administrative command.
        configuration.AllowAdmin = true;

        // Reconnect attempts back off from half the connect timeout, but wait at most five seconds, so the store is
        // back within seconds of Redis.
        var backOff = Math.Max(1, connectTimeout / 2);
        configuration.ReconnectRetryPolicy = new ExponentialRetry(backOff, Math.Max(backOff, 5000));
        return configuration;
    }

    /// <summary>The connection, once connected; the first call starts connecting.</summary>
    /// <exception cref="ObjectDisposedException">The application has stopped.</exception>
    public ValueTask<IConnectionMultiplexer> GetAsync(CancellationToken cancellationToken)
    {
        var connecting = Volatile.Read(ref _connecting);
        return connecting is { IsCompletedSuccessfully: true }
            ? new ValueTask<IConnectionMultiplexer>(connecting.Result)
            : new ValueTask<IConnectionMultiplexer>(StartOrJoin().WaitAsync(cancellationToken));
    }

    internal static int Milliseconds(TimeSpan duration) => (int)Math.Ceiling(duration.TotalMilliseconds);

    internal static string DescribeEndpoints(IEnumerable<EndPoint> endpoints)
    {
        var described = string.Join(",", endpoints.Select(Describe));
        return described.Length == 0 ? "(no endpoint)" : described;
    }

    private static string Describe(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
        _ => endpoint.ToString() ?? "(unknown endpoint)",
    };

    private Task<IConnectionMultiplexer> StartOrJoin()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // A connect that failed outright (not merely "Redis is down", which it rides out) is tried again.
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = ConnectAsync(_configuration!);
            }

            return _connecting;
        }
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration) =>
        await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Replicated is { } replicated)
        {
            await replicated.DisposeAsync().ConfigureAwait(false);
        }

        var connecting = MarkDisposed();
        if (connecting is not null)
        {
            try
            {
                await (await connecting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception) when (connecting.IsFaulted || connecting.IsCanceled)
            {
                // It never connected: nothing to close.
            }
        }
    }

    public void Dispose()
    {
        if (Replicated is { } replicated)
        {
            replicated.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var connecting = MarkDisposed();
        if (connecting is { IsCompletedSuccessfully: true })
        {
            connecting.Result.Dispose();
        }
        else
        {
            // Still connecting: close it once it has.
            connecting?.ContinueWith(static c => c.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    // Only an owned connection is closed; the caller gets what is left to close.
    private Task<IConnectionMultiplexer>? MarkDisposed()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return null;
            }

            _disposed = true;
            return IsOwned ? _connecting : null;
        }
    }
}

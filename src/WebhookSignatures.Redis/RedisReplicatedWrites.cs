using System.Globalization;
using System.Threading.Channels;
using StackExchange.Redis;

namespace WebhookSignatures.Redis;

/// <summary>
/// The writes that wait for replicas: each one and its <c>WAIT</c> go, one pair at a time, over a connection of a small
/// pool of their own.
/// </summary>
/// <remarks>
/// <c>WAIT</c> blocks the connection it is sent on until the replicas acknowledge or the wait ends, and it acknowledges
/// every earlier write of that connection. Over the shared connection, which StackExchange.Redis multiplexes every
/// request onto, one slow <c>WAIT</c> would hold up every other request's commands behind it; over a connection that
/// carries one write and its <c>WAIT</c> at a time, it holds up nobody, and it acknowledges exactly that write. Each
/// connection follows a Sentinel failover by itself, as the shared one does.
/// </remarks>
internal sealed class RedisReplicatedWrites : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly Channel<Lane> _free;
    private readonly Lane[] _lanes;
    private readonly TimeSpan _queueTimeout;

    public RedisReplicatedWrites(ConfigurationOptions configuration, int replicas, TimeSpan wait, int connections, TimeSpan operationTimeout)
    {
        _configuration = configuration.Clone();

        // A WAIT may take its whole wait: the client must not give up on it first.
        var timeout = RedisDeliveryStoreConnection.Milliseconds(operationTimeout + wait);
        _configuration.AsyncTimeout = timeout;
        _configuration.SyncTimeout = timeout;
        Replicas = replicas;
        WaitMilliseconds = RedisDeliveryStoreConnection.Milliseconds(wait);
        _queueTimeout = operationTimeout + wait;
        _lanes = [.. Enumerable.Range(0, connections).Select(_ => new Lane())];
        _free = Channel.CreateBounded<Lane>(connections);
        foreach (var lane in _lanes)
        {
            _free.Writer.TryWrite(lane);
        }
    }

    /// <summary>How many replicas each write waits for.</summary>
    public int Replicas { get; }

    /// <summary>How long each write waits for them, in milliseconds.</summary>
    public long WaitMilliseconds { get; }

    /// <summary>Opens every connection of the pool, so that the first deliveries do not wait for it.</summary>
    public Task ConnectAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_lanes.Select(lane => lane.GetAsync(_configuration).WaitAsync(cancellationToken)));

    /// <summary>
    /// Sends <paramref name="command"/> with its <paramref name="arguments"/>, and a <c>WAIT</c> right behind it on a connection no other request uses meanwhile.
    /// </summary>
    /// <returns>What the write answered, and how many replicas acknowledged it within the wait.</returns>
    /// <exception cref="TimeoutException">No connection of the pool came free in time.</exception>
    public async Task<(RedisResult Result, int Acknowledged)> WriteAsync(string command, object[] arguments, CancellationToken cancellationToken)
    {
        using var queue = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        queue.CancelAfter(_queueTimeout);
        Lane lane;
        try
        {
            lane = await _free.Reader.ReadAsync(queue.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no connection for a replicated write came free within {RedisDeliveryStoreConnection.Milliseconds(_queueTimeout)} ms"));
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException(nameof(RedisReplicatedWrites), e);
        }

        try
        {
            var database = (await lane.GetAsync(_configuration).ConfigureAwait(false)).GetDatabase();

            // Both queued before either is awaited: the connection sends them in this order, so the WAIT counts this write.
            var writing = database.ExecuteAsync(command, arguments, CommandFlags.DemandMaster);
            var waiting = database.ExecuteAsync("WAIT", [Replicas, WaitMilliseconds], CommandFlags.DemandMaster);
            try
            {
                var result = await writing.ConfigureAwait(false);
                return (result, (int)(long)await waiting.ConfigureAwait(false));
            }
            finally
            {
                // Observed whatever happened, so a failed WAIT behind a failed write is no unobserved exception.
                _ = waiting.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
        finally
        {
            _free.Writer.TryWrite(lane);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _free.Writer.TryComplete();
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One connection of the pool, opened on first use.</summary>
    private sealed class Lane : IAsyncDisposable
    {
        private readonly object _lock = new();
        private Task<ConnectionMultiplexer>? _connecting;

        public Task<ConnectionMultiplexer> GetAsync(ConfigurationOptions configuration)
        {
            lock (_lock)
            {
                if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
                {
                    _connecting = ConnectionMultiplexer.ConnectAsync(configuration);
                }

                return _connecting;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Task<ConnectionMultiplexer>? connecting;
            lock (_lock)
            {
                connecting = _connecting;
            }

            if (connecting is { IsCompletedSuccessfully: true })
            {
                // Without waiting for a WAIT still under way: the application is stopping, and its requests have ended.
                await connecting.Result.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
                await connecting.Result.DisposeAsync().ConfigureAwait(false);
            }
            else if (connecting is not null)
            {
                _ = connecting.ContinueWith(static c => c.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }
    }
}

using StackExchange.Redis;

namespace WebhookSignatures.Redis;

/// <summary>One bounded <c>PING</c>, shared by the start-up check and the health check.</summary>
internal static class RedisDeliveryStoreReachability
{
    /// <summary>Connects if need be and pings Redis; throws when it does not answer within <paramref name="timeout"/>.</summary>
    /// <returns>The round trip Redis reported.</returns>
    public static async Task<TimeSpan> PingAsync(RedisDeliveryStoreConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Bounds a connection the application configured with long timeouts of its own.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var multiplexer = await connection.GetAsync(deadline.Token).ConfigureAwait(false);
            return await multiplexer.GetDatabase().PingAsync().WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer to PING within {RedisDeliveryStoreConnection.Milliseconds(timeout)} ms");
        }
    }

    /// <summary>Connects if need be and reads what Redis can lose (null when the client refuses INFO); throws when it does not answer within <paramref name="timeout"/>.</summary>
    public static async Task<RedisServerFacts?> FactsAsync(RedisDeliveryStoreConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var multiplexer = await connection.GetAsync(deadline.Token).ConfigureAwait(false);
            var facts = await RedisServerFacts.ReadAsync(multiplexer, deadline.Token).ConfigureAwait(false);
            connection.LastFacts = facts;
            return facts;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer to INFO within {RedisDeliveryStoreConnection.Milliseconds(timeout)} ms");
        }
    }

    /// <summary>
    /// Why Redis did not answer, short and without a trailing full stop: the client's kind of connection failure
    /// and the system's reason (<c>UnableToConnect (Connection refused)</c>), or the first clause of its message.
    /// </summary>
    public static string Reason(Exception exception)
    {
        var chain = new List<Exception>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            chain.Add(current);
        }

        var innermost = chain[^1];
        var connectionFailure = chain.OfType<RedisConnectionException>().FirstOrDefault();
        if (connectionFailure is null)
        {
            return FirstClause(exception.Message);
        }

        return innermost is RedisException
            ? connectionFailure.FailureType.ToString()
            : $"{connectionFailure.FailureType} ({FirstClause(innermost.Message)})";
    }

    // The client's messages go on with a long list of counters after " - " or ", ".
    private static string FirstClause(string message)
    {
        var end = message.Length;
        foreach (var separator in (ReadOnlySpan<string>)[" - ", ", command=", ", inst:", ", mc:"])
        {
            var at = message.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && at < end)
            {
                end = at;
            }
        }

        return message[..end].Trim().TrimEnd('.');
    }
}

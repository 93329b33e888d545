using System.Globalization;
using StackExchange.Redis;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Redis;

/// <summary>
/// The delivery store over Redis, shared by every instance of an application: each delivery runs its handler exactly
/// once however many instances receive its retries at the same moment. Register it with
/// <c>services.AddWebhookSignatures().AddRedisDeliveryStore("host:port")</c>.
/// </summary>
/// <remarks>
/// <para>
/// A delivery is one string key, <c>&lt;prefix&gt;&lt;registration&gt;:id:&lt;hex&gt;</c> (or <c>:content:</c>). Reserving
/// is <c>SET key token NX PX lease</c>; completing, renewing and releasing are scripts that change the key only while it
/// still holds the caller's token, so a request whose lease ran out can never complete, extend or release another's
/// reservation.
/// A completed delivery holds the value <c>completed</c>, which no token can equal, for its time to live.
/// </para>
/// <para>
/// Any Redis failure (unreachable, timed out, refused) surfaces as an exception, which the pipeline turns into 503
/// so the sender retries later. A command that timed out may still run when Redis answers again (a paused server reads
/// it from its socket when it wakes): the pipeline releases a reservation whose answer was lost until it cannot land
/// any more, and tries a completion or release again until the lease ends.
/// </para>
/// </remarks>
public sealed class RedisWebhookDeliveryStore : IWebhookDeliveryStore
{
    /// <summary>What a completed delivery's key holds: never a token, which the verifier makes of hex digits.</summary>
    internal const string CompletedMarker = "completed";

    // KEYS[1] the delivery, ARGV[1] the token, ARGV[2] the marker, ARGV[3] the time to live in milliseconds.
    // A key that is gone (its lease ran out and no other attempt took it) is completed too: the handler did finish.
    internal const string CompleteScript = """
        local held = redis.call('GET', KEYS[1])
        if held == ARGV[1] or held == false then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return 1
        end
        return 0
        """;

    // With replicated completion: the same, and a delivery already completed (this attempt's earlier completion, whose
    // replication was not confirmed, or another's) has its expiry written again unchanged, a write whose WAIT confirms
    // that the replicas hold everything before it, the completion included. Answers 2 then.
    internal const string ReplicatedCompleteScript = """
        local held = redis.call('GET', KEYS[1])
        if held == ARGV[1] or held == false then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return 1
        end
        if held == ARGV[2] then
          local left = redis.call('PTTL', KEYS[1])
          if left > 0 then
            redis.call('PEXPIRE', KEYS[1], left)
          end
          return 2
        end
        return 0
        """;

    // KEYS[1] the delivery, ARGV[1] the token, ARGV[2] the lease in milliseconds.
    internal const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """;

    // KEYS[1] the delivery, ARGV[1] the token.
    internal const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private const string DefaultKeyPrefix = "webhooksig:";

    // An identity is a SHA-256: 32 bytes, written as 64 lowercase hex digits.
    private const int HashLength = 32;
    private const string LowerHex = "0123456789abcdef";

    // The longest duration a TimeSpan holds, in whole milliseconds: Redis accepts it, and it never overflows here.
    private const long MaxMilliseconds = long.MaxValue / TimeSpan.TicksPerMillisecond;

    private readonly RedisDeliveryStoreConnection _connection;
    private readonly string _keyPrefix;

    /// <summary>Creates the store over a connection the caller owns, with keys under <c>webhooksig:</c>.</summary>
    /// <param name="connection">The application's connection to Redis; the store never closes it.</param>
    public RedisWebhookDeliveryStore(IConnectionMultiplexer connection)
        : this(connection, DefaultKeyPrefix)
    {
    }

    /// <summary>Creates the store over a connection the caller owns.</summary>
    /// <param name="connection">The application's connection to Redis; the store never closes it.</param>
    /// <param name="keyPrefix">What every key starts with, such as <c>webhooksig:</c>; may be empty.</param>
    public RedisWebhookDeliveryStore(IConnectionMultiplexer connection, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _connection = RedisDeliveryStoreConnection.Over(connection, keyPrefix, Timeout.InfiniteTimeSpan);
        _keyPrefix = keyPrefix;
    }

    /// <summary>The store as registered: over the connection it shares with its start-up check and health check.</summary>
    internal RedisWebhookDeliveryStore(RedisDeliveryStoreConnection connection)
    {
        _connection = connection;
        _keyPrefix = connection.KeyPrefix;
    }

    /// <summary>
    /// <see langword="true"/>: a reservation's key expires with its lease, which the pipeline renews while the handler runs,
    /// so the lease can be short and an instance that died mid-handler blocks its delivery only briefly.
    /// </summary>
    public bool CanRenew => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key identifies nothing, or the token is empty.</exception>
    /// <exception cref="RedisException">Redis could not be reached or refused the command.</exception>
    /// <exception cref="RedisTimeoutException">Redis did not answer within the operation timeout.</exception>
    /// <exception cref="TimeoutException">With replicated completion, the reservation was not replicated in time.</exception>
    public async ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        var redisKey = KeyOf(key);
        CheckToken(token);

        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        if (_connection.Replicated is { } replicated)
        {
            var (result, acknowledged) = await replicated.WriteAsync(
                "SET", [(string)redisKey!, token, "PX", MillisecondsOf(lease), "NX"], cancellationToken).ConfigureAwait(false);
            if (!result.IsNull)
            {
                // Nothing has run: the pipeline answers 503 and gives the reservation back, and the sender's retry is safe.
                return acknowledged >= replicated.Replicas ? WebhookReservationOutcome.Reserved : throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The reservation was acknowledged by {acknowledged} of the {replicated.Replicas} replicas required within {replicated.WaitMilliseconds} ms."));
            }
        }
        else if (await database.StringSetAsync(redisKey, token, new Expiration(ExpiryOf(lease)), ValueCondition.NotExists).ConfigureAwait(false))
        {
            return WebhookReservationOutcome.Reserved;
        }

        // Held: by a completion, or by a reservation. A key that vanished in between (its holder released it or its
        // lease ran out) is reported in flight, the safe answer: the sender retries and reserves it then.
        var held = await database.StringGetAsync(redisKey).ConfigureAwait(false);
        return held == CompletedMarker ? WebhookReservationOutcome.Completed : WebhookReservationOutcome.InFlight;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key identifies nothing, or the token is empty.</exception>
    /// <exception cref="RedisException">Redis could not be reached or refused the command.</exception>
    /// <exception cref="RedisTimeoutException">Redis did not answer within the operation timeout.</exception>
    /// <exception cref="WebhookCompletionNotReplicatedException">
    /// With replicated completion, the completion is recorded but was not replicated in time; the delivery is handled,
    /// and completing it again confirms the replication (with replicated completion, completing a delivery that is
    /// already completed answers <see langword="true"/> once the replicas hold it).
    /// </exception>
    public async ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var redisKey = KeyOf(key);
        CheckToken(token);

        if (_connection.Replicated is { } replicated)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // EVAL with the text every time: a NOSCRIPT answer, resent by the client, would come after the WAIT.
            // A delivery already completed is confirmed as replicated too: a completion whose WAIT ran out is tried again
            // until the replicas hold it, so a failover cannot lose it.
            var (completed, acknowledged) = await replicated.WriteAsync(
                "EVAL", [ReplicatedCompleteScript, 1, (string)redisKey!, token, CompletedMarker, MillisecondsOf(timeToLive)], cancellationToken).ConfigureAwait(false);
            if ((long)completed == 0)
            {
                return false;
            }

            return acknowledged >= replicated.Replicas ? true : throw new WebhookCompletionNotReplicatedException(replicated.Replicas, acknowledged);
        }

        // The script text, not a hash: the client sends EVALSHA once the script is known and sends the text again
        // when Redis answers NOSCRIPT (a restart or SCRIPT FLUSH emptied its script cache).
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(
            CompleteScript,
            [redisKey],
            [token, CompletedMarker, MillisecondsOf(timeToLive)]).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key identifies nothing, or the token is empty.</exception>
    /// <exception cref="RedisException">Redis could not be reached or refused the command.</exception>
    /// <exception cref="RedisTimeoutException">Redis did not answer within the operation timeout.</exception>
    public async ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        var redisKey = KeyOf(key);
        CheckToken(token);

        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(RenewScript, [redisKey], [token, MillisecondsOf(lease)]).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key identifies nothing, or the token is empty.</exception>
    /// <exception cref="RedisException">Redis could not be reached or refused the command.</exception>
    /// <exception cref="RedisTimeoutException">Redis did not answer within the operation timeout.</exception>
    public async ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken)
    {
        var redisKey = KeyOf(key);
        CheckToken(token);

        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(ReleaseScript, [redisKey], [token]).ConfigureAwait(false);
        return (long)result == 1;
    }

    // Cancellation is honoured up to sending a command: StackExchange.Redis cannot withdraw one once sent.
    private async ValueTask<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var multiplexer = await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return multiplexer.GetDatabase();
    }

    private RedisKey KeyOf(WebhookDeliveryKey key) => KeyOf(_keyPrefix, key);

    /// <summary>
    /// The delivery's key, the prefix followed by <see cref="WebhookDeliveryKey.ToString"/>, written into one string: the
    /// store builds one for every command, and joining the parts allocated three.
    /// </summary>
    internal static string KeyOf(string prefix, WebhookDeliveryKey key)
    {
        if (string.IsNullOrEmpty(key.RegistrationName) || key.Id.IsEmpty)
        {
            throw new ArgumentException("The delivery key has no registration or no identity.", nameof(key));
        }

        var label = key.Id.Source == WebhookDeliveryIdentitySource.SignedId ? "id:" : "content:";
        var length = prefix.Length + key.RegistrationName.Length + 1 + label.Length + (2 * HashLength);
        return string.Create(length, (prefix, key, label), static (chars, state) =>
        {
            var (prefix, key, label) = state;
            prefix.AsSpan().CopyTo(chars);
            chars = chars[prefix.Length..];
            key.RegistrationName.AsSpan().CopyTo(chars);
            chars[key.RegistrationName.Length] = ':';
            chars = chars[(key.RegistrationName.Length + 1)..];
            label.AsSpan().CopyTo(chars);
            chars = chars[label.Length..];
            Span<byte> hash = stackalloc byte[HashLength];
            key.Id.CopyTo(hash);
            for (var i = 0; i < hash.Length; i++)
            {
                chars[2 * i] = LowerHex[hash[i] >> 4];
                chars[(2 * i) + 1] = LowerHex[hash[i] & 0xF];
            }
        });
    }

    private static void CheckToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        if (string.Equals(token, CompletedMarker, StringComparison.Ordinal))
        {
            throw new ArgumentException("A reservation token never equals the value that marks a completed delivery.", nameof(token));
        }
    }

    // At least a millisecond (Redis refuses a zero expiry), at most what a TimeSpan holds (a "forever" that Redis
    // keeps for thousands of years).
    private static long MillisecondsOf(TimeSpan duration)
    {
        if (duration.Ticks <= 0)
        {
            return 1;
        }

        var whole = Math.DivRem(duration.Ticks, TimeSpan.TicksPerMillisecond, out var rest);
        return Math.Min(MaxMilliseconds, rest == 0 ? whole : whole + 1);
    }

    private static TimeSpan ExpiryOf(TimeSpan duration) => TimeSpan.FromTicks(MillisecondsOf(duration) * TimeSpan.TicksPerMillisecond);
}

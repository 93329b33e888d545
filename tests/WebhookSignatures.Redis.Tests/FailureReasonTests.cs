using System.Net.Sockets;
using StackExchange.Redis;

namespace WebhookSignatures.Redis.Tests;

/// <summary>The start-up check and the health check say why in a few words, not the client's page of counters.</summary>
public sealed class FailureReasonTests
{
    [Fact]
    public void A_connection_failure_is_named_by_its_kind_and_the_systems_reason()
    {
        var refused = new SocketException((int)SocketError.ConnectionRefused);
        var last = new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "UnableToConnect (0-read, 0-sent) on 127.0.0.1:1/Interactive, Initializing/NotStarted, last: NONE", refused, CommandStatus.Unknown);
        var backlog = new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "The message timed out in the backlog attempting to send because no connection became available (1000ms) - Last Connection Exception: …, command=PING, inst: 0", last, CommandStatus.WaitingInBacklog);

        RedisDeliveryStoreReachability.Reason(backlog).Should().Be($"UnableToConnect ({refused.Message})");
    }

    [Fact]
    public void A_connection_failure_without_a_system_reason_is_named_by_its_kind()
    {
        var closed = new RedisConnectionException(ConnectionFailureType.SocketClosed, CommandFlags.None, "SocketClosed on 127.0.0.1:6379/Interactive, Idle/RanToCompletion, last: PING", null, CommandStatus.Sent);

        RedisDeliveryStoreReachability.Reason(closed).Should().Be("SocketClosed");
    }

    [Fact]
    public void Any_other_failure_is_the_first_clause_of_its_message()
    {
        RedisDeliveryStoreReachability.Reason(new RedisTimeoutException(CommandFlags.None, "Timeout awaiting response (outbound=0KiB, inbound=0KiB, 1000ms elapsed, timeout is 1000ms), command=PING, next: PING, inst: 0", CommandStatus.Sent))
            .Should().Be("Timeout awaiting response (outbound=0KiB, inbound=0KiB, 1000ms elapsed, timeout is 1000ms)");
        RedisDeliveryStoreReachability.Reason(new TimeoutException("no answer to PING within 3000 ms")).Should().Be("no answer to PING within 3000 ms");
        RedisDeliveryStoreReachability.Reason(new RedisServerException(RedisErrorKind.NoAuth, CommandFlags.None, "NOAUTH Authentication required.")).Should().Be("NOAUTH Authentication required");
    }
}

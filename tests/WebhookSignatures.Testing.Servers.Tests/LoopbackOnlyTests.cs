namespace WebhookSignatures.Testing.Servers.Tests;

/// <summary>
/// A server named in the environment is refused unless it is on this machine; decided from the text alone, no socket
/// is ever opened to another address.
/// </summary>
public sealed class LoopbackOnlyTests
{
    [Theory]
    [InlineData("127.0.0.1:6379", "127.0.0.1", 6379)]
    [InlineData("127.0.0.2:7000,password=secret", "127.0.0.2", 7000)]
    [InlineData("localhost", "localhost", 6379)]
    [InlineData("[::1]:6380", "::1", 6380)]
    public void A_loopback_redis_is_accepted(string configuration, string host, int port) =>
        LoopbackOnly.RedisEndpoint("WEBHOOKSIG_TEST_REDIS", configuration).Should().Be((host, port));

    [Theory]
    [InlineData("10.1.2.3:6379", "names the host 10.1.2.3")]
    [InlineData("redis.internal:6379", "names the host redis.internal")]
    [InlineData("127.0.0.1:6379,192.168.1.5:6379", "names the host 192.168.1.5")]
    [InlineData("[2001:db8::1]:6379", "names the host [2001:db8::1]")]
    [InlineData("127.0.0.1:notaport", "127.0.0.1:notaport is not host:port")]
    [InlineData("::1", "::1 is not host:port")]
    [InlineData("password=secret", "names no host:port")]
    public void Anything_else_is_refused_saying_why(string configuration, string reason) =>
        FluentActions.Invoking(() => LoopbackOnly.RedisEndpoint("WEBHOOKSIG_TEST_REDIS", configuration))
            .Should().Throw<InvalidOperationException>().WithMessage($"WEBHOOKSIG_TEST_REDIS={configuration}*{reason}*");

    [Fact]
    public void A_postgresql_host_must_be_loopback_or_a_socket_folder()
    {
        FluentActions.Invoking(() => LoopbackOnly.RequirePostgresHosts("WEBHOOKSIG_TEST_POSTGRES", ["127.0.0.1", "localhost", "::1", "/run/postgresql"])).Should().NotThrow();
        FluentActions.Invoking(() => LoopbackOnly.RequirePostgresHosts("WEBHOOKSIG_TEST_POSTGRES", ["localhost", "db.internal"]))
            .Should().Throw<InvalidOperationException>().WithMessage("WEBHOOKSIG_TEST_POSTGRES names the host db.internal; *");
    }

    [Theory]
    [InlineData("Host=192.0.2.10;Username=postgres", "WEBHOOKSIG_TEST_POSTGRES names the host 192.0.2.10; *")]
    [InlineData("Host=127.0.0.1,db.internal;Username=postgres", "WEBHOOKSIG_TEST_POSTGRES names the host db.internal; *")]
    [InlineData("Host=127.0.0.1;NoSuchKeyword=1", "WEBHOOKSIG_TEST_POSTGRES is not an Npgsql connection string: *")]
    public void An_environment_postgresql_connection_string_is_checked_before_any_connection(string connectionString, string message) =>
        FluentActions.Invoking(() => PostgresServer.LocalConnectionString(connectionString))
            .Should().Throw<InvalidOperationException>().WithMessage(message);

    [Fact]
    public void A_local_postgresql_connection_string_is_kept_with_a_short_timeout()
    {
        var builder = PostgresServer.LocalConnectionString("Host=/run/postgresql;Username=me;Database=postgres;Timeout=30");

        (builder.Host, builder.Username, builder.Timeout).Should().Be(("/run/postgresql", "me", 5));
    }
}

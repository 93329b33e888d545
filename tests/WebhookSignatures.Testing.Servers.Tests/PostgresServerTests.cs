using Npgsql;

namespace WebhookSignatures.Testing.Servers.Tests;

/// <summary>
/// PostgreSQL started by the tests: initdb in a temporary folder, as an unprivileged user when the host is root, a
/// database per test, a Unix socket in the folder, and a private server that stops, is killed and starts again.
/// </summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task Each_test_gets_a_database_of_its_own_on_the_runs_server_and_it_is_dropped_afterwards()
    {
        var server = await PostgresServer.SharedAsync();
        var first = await server.CreateDatabaseAsync();
        await using var second = await server.CreateDatabaseAsync();

        await using (var connection = await first.OpenConnectionAsync())
        {
            (await ScalarAsync(connection, "SELECT current_database()")).Should().Be(first.Name);
            await ScalarAsync(connection, "CREATE TABLE deliveries (id text PRIMARY KEY); INSERT INTO deliveries VALUES ('evt_1'); SELECT count(*)::text FROM deliveries");
        }

        await using (var connection = await second.OpenConnectionAsync())
        {
            (await ScalarAsync(connection, "SELECT current_database()")).Should().Be(second.Name);
            (await ScalarAsync(connection, "SELECT count(*)::text FROM pg_tables WHERE tablename = 'deliveries'")).Should().Be("0", "another test's table is not in this database");
        }

        first.Name.Should().MatchRegex("^test_[0-9a-f]{32}$").And.NotBe(second.Name);
        await first.DisposeAsync();
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        (await ScalarAsync(admin, $"SELECT count(*)::text FROM pg_database WHERE datname = '{first.Name}'")).Should().Be("0");
    }

    [Fact]
    public async Task A_private_server_listens_on_loopback_and_on_a_socket_in_its_folder_as_an_unprivileged_user()
    {
        await using var server = await PostgresServerProcess.StartAsync();
        await using var database = await server.CreateDatabaseAsync();

        var overSocket = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = server.SocketFolder, Port = server.Port }.ConnectionString;
        await using var connection = new NpgsqlConnection(overSocket);
        await connection.OpenAsync();

        (await ScalarAsync(connection, "SELECT current_setting('listen_addresses') || ' ' || current_setting('port') || ' ' || current_setting('unix_socket_directories')"))
            .Should().Be($"127.0.0.1 {server.Port} {server.SocketFolder}");
        server.Port.Should().NotBe(5432, "a cluster Debian's package runs is none of the tests' business");
        File.Exists(Path.Combine(server.SocketFolder, $".s.PGSQL.{server.Port}")).Should().BeTrue();
        if (Environment.IsPrivilegedProcess && OperatingSystem.IsLinux())
        {
            Processes.UserOf(server.ProcessId!.Value).Should().NotBe(0, "PostgreSQL refuses root; the tests start it as another user");
        }
    }

    [Fact]
    public async Task A_private_server_keeps_its_data_when_stopped_or_killed_and_started_again()
    {
        var server = await PostgresServerProcess.StartAsync();
        var folder = server.Folder;
        await using (var database = await server.CreateDatabaseAsync())
        {
            await using (var connection = await database.OpenConnectionAsync())
            {
                await ScalarAsync(connection, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42); SELECT 'ok'");
            }

            await server.StopAsync();
            await FluentActions.Awaiting(() => OpenUnpooledAsync(database)).Should().ThrowAsync<NpgsqlException>("the server is down");
            await server.StartAgainAsync();
            var afterStop = await CountAsync(database);
            var firstPid = server.ProcessId!.Value;

            await server.KillAsync();
            Processes.IsRunning(firstPid).Should().BeFalse();
            await server.StartAgainAsync();
            var afterKill = await CountAsync(database);

            afterStop.Should().Be("1");
            afterKill.Should().Be("1", "crash recovery replays what the killed server had committed");
        }

        await server.DisposeAsync();
        Directory.Exists(folder).Should().BeFalse();
    }

    private static async Task<string> CountAsync(PostgresDatabase database)
    {
        await using var connection = await OpenUnpooledAsync(database);
        return await ScalarAsync(connection, "SELECT count(*)::text FROM kept WHERE id = 42");
    }

    // A pooled connection from before a restart is broken, and one taken from the pool proves nothing about the server.
    private static async Task<NpgsqlConnection> OpenUnpooledAsync(PostgresDatabase database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

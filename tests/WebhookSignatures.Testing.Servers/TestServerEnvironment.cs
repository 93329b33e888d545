namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// The environment variables that change where the tests' servers come from. Unset, each kind is started by the tests
/// from the installed binaries.
/// </summary>
public static class TestServerEnvironment
{
    /// <summary><c>host:port</c> of a Redis to use as the run's shared one instead of starting one (loopback only).</summary>
    public const string Redis = "WEBHOOKSIG_TEST_REDIS";

    /// <summary>An Npgsql connection string for a PostgreSQL server to use instead of starting one (loopback only); its user needs CREATEDB.</summary>
    public const string Postgres = "WEBHOOKSIG_TEST_POSTGRES";

    /// <summary>The folder holding PostgreSQL's <c>initdb</c> and <c>postgres</c>, when it is neither Debian's nor on PATH.</summary>
    public const string PostgresBin = "WEBHOOKSIG_TEST_POSTGRES_BIN";

    /// <summary>The unprivileged user that runs PostgreSQL when the tests run as root (default: postgres, else nobody).</summary>
    public const string PostgresUser = "WEBHOOKSIG_TEST_POSTGRES_USER";

    internal static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

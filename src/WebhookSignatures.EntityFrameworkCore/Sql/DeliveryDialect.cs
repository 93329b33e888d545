namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>
/// What differs between databases in the store's statements: the clock, boolean literals, and whether a reservation
/// can tell what it found in the same statement. Everything else is standard SQL.
/// </summary>
internal sealed class DeliveryDialect
{
    /// <summary>Npgsql's provider name.</summary>
    public const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Microsoft's SQLite provider name.</summary>
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    private DeliveryDialect(string name, string now, string isTrue, string isFalse, bool reservesInOneStatement)
    {
        Name = name;
        Now = now;
        True = isTrue;
        False = isFalse;
        ReservesInOneStatement = reservesInOneStatement;
    }

    /// <summary>PostgreSQL: the statement's start on the server's clock; a reservation and its answer in one statement.</summary>
    public static DeliveryDialect PostgreSql { get; } = new(
        "PostgreSQL",
        "(floor(extract(epoch FROM statement_timestamp()) * 1000)::bigint + @shift)",
        "TRUE",
        "FALSE",
        reservesInOneStatement: true);

    /// <summary>SQLite: the file's clock is the machine's; the upsert and the question of what held the key are two statements of one command.</summary>
    public static DeliveryDialect Sqlite { get; } = new(
        "SQLite",
        "(CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + @shift)",
        "1",
        "0",
        reservesInOneStatement: false);

    /// <summary>The database's name, for messages.</summary>
    public string Name { get; }

    /// <summary>The database's clock in Unix milliseconds, plus the <c>@shift</c> parameter (zero but in tests).</summary>
    public string Now { get; }

    /// <summary>The literal for true.</summary>
    public string True { get; }

    /// <summary>The literal for false.</summary>
    public string False { get; }

    /// <summary>Whether the reservation's insert can sit in a common table expression (PostgreSQL) or needs a second statement (SQLite).</summary>
    public bool ReservesInOneStatement { get; }

    /// <summary>The dialect of an EF Core provider; null for one the store does not speak.</summary>
    public static DeliveryDialect? Of(string? providerName) => providerName switch
    {
        PostgreSqlProvider => PostgreSql,
        SqliteProvider => Sqlite,
        _ => null,
    };
}

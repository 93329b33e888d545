using System.Globalization;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// Finds a server's executables before anything is started, so that a missing one fails the test at once with one line
/// that says what to install, never after a start-up timeout.
/// </summary>
internal static class InstalledBinary
{
    /// <summary>Folders searched after PATH: where Debian and Homebrew put server binaries that PATH may lack.</summary>
    private static readonly string[] UsualFolders = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/opt/homebrew/bin"];

    /// <summary>The path of <paramref name="name"/> on <paramref name="searchPath"/> or in the usual folders, or null.</summary>
    public static string? OnPath(string name, string? searchPath, IEnumerable<string>? usualFolders = null) =>
        (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(usualFolders ?? UsualFolders)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(IsExecutable);

    /// <summary>redis-server, or an exception that names the package to install.</summary>
    public static string RedisServer(string? searchPath, IEnumerable<string>? usualFolders = null) =>
        OnPath("redis-server", searchPath, usualFolders) ?? throw Missing("redis-server", "redis-server", "redis");

    /// <summary>
    /// The folder holding PostgreSQL's <c>initdb</c> and <c>postgres</c>: <paramref name="explicitFolder"/> when given,
    /// else the newest <c>/usr/lib/postgresql/N/bin</c> (Debian keeps them off PATH), else PATH.
    /// </summary>
    public static string PostgresFolder(string? explicitFolder, string? searchPath, string debianRoot = "/usr/lib/postgresql", IEnumerable<string>? usualFolders = null)
    {
        if (!string.IsNullOrEmpty(explicitFolder))
        {
            return HasPostgres(explicitFolder)
                ? explicitFolder
                : throw new InvalidOperationException(
                    $"{TestServerEnvironment.PostgresBin}={explicitFolder} holds no initdb and postgres executables.");
        }

        var debian = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(version => (Version: double.TryParse(Path.GetFileName(version), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(version, "bin")))
                .Where(candidate => candidate.Version >= 0 && HasPostgres(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        if (debian is not null)
        {
            return debian;
        }

        var initdb = OnPath("initdb", searchPath, usualFolders);
        if (initdb is not null && HasPostgres(Path.GetDirectoryName(initdb)!))
        {
            return Path.GetDirectoryName(initdb)!;
        }

        throw Missing("PostgreSQL's server (initdb, postgres)", "postgresql", "postgresql@17",
            $"or set {TestServerEnvironment.PostgresBin} to the folder holding them");
    }

    /// <summary>The one-line failure for a missing server: Debian's and Homebrew's package names.</summary>
    public static InvalidOperationException Missing(string what, string debianPackage, string homebrewPackage, string? orElse = null) =>
        new($"{what} is not installed: apt-get install {debianPackage} (Debian) or brew install {homebrewPackage} (macOS)"
            + (orElse is null ? "." : $"; {orElse}."));

    private static bool HasPostgres(string folder) => IsExecutable(Path.Combine(folder, "initdb")) && IsExecutable(Path.Combine(folder, "postgres"));

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}

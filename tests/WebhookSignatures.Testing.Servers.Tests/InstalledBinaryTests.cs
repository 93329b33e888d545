using System.Runtime.Versioning;

namespace WebhookSignatures.Testing.Servers.Tests;

/// <summary>A missing server binary is one line naming the package, before anything starts; Debian's PostgreSQL is found off PATH.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class InstalledBinaryTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("webhooksig-binaries-");

    [Fact]
    public void A_missing_redis_server_names_the_debian_and_homebrew_packages()
    {
        FluentActions.Invoking(() => InstalledBinary.RedisServer(_root.FullName, usualFolders: []))
            .Should().Throw<InvalidOperationException>()
            .WithMessage("redis-server is not installed: apt-get install redis-server (Debian) or brew install redis (macOS).");
    }

    [Fact]
    public void A_missing_postgresql_names_the_packages_and_the_variable_for_another_folder()
    {
        FluentActions.Invoking(() => InstalledBinary.PostgresFolder(null, _root.FullName, Path.Combine(_root.FullName, "none"), usualFolders: []))
            .Should().Throw<InvalidOperationException>()
            .WithMessage("PostgreSQL's server (initdb, postgres) is not installed: apt-get install postgresql (Debian) or brew install postgresql@17 (macOS); or set WEBHOOKSIG_TEST_POSTGRES_BIN to the folder holding them.");
    }

    [Fact]
    public void The_newest_debian_postgresql_is_found_off_path()
    {
        var debian = Path.Combine(_root.FullName, "postgresql");
        Server(Path.Combine(debian, "13", "bin"));
        Server(Path.Combine(debian, "15", "bin"));
        Directory.CreateDirectory(Path.Combine(debian, "16", "bin"));

        InstalledBinary.PostgresFolder(null, "", debian, usualFolders: []).Should().Be(Path.Combine(debian, "15", "bin"), "16 has no binaries");
    }

    [Fact]
    public void An_explicit_folder_wins_and_one_without_the_binaries_is_named()
    {
        var mine = Server(Path.Combine(_root.FullName, "mine"));

        InstalledBinary.PostgresFolder(mine, "", "/usr/lib/postgresql").Should().Be(mine);
        FluentActions.Invoking(() => InstalledBinary.PostgresFolder(_root.FullName, "", "/usr/lib/postgresql"))
            .Should().Throw<InvalidOperationException>().WithMessage($"WEBHOOKSIG_TEST_POSTGRES_BIN={_root.FullName} holds no initdb and postgres executables.");
    }

    [Fact]
    public void A_file_that_is_not_executable_is_not_a_binary()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "redis-server"), "");

        InstalledBinary.OnPath("redis-server", _root.FullName, usualFolders: []).Should().BeNull();
        File.SetUnixFileMode(Path.Combine(_root.FullName, "redis-server"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        InstalledBinary.OnPath("redis-server", _root.FullName, usualFolders: []).Should().Be(Path.Combine(_root.FullName, "redis-server"));
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static string Server(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in (string[])["initdb", "postgres"])
        {
            File.WriteAllText(Path.Combine(folder, name), "");
            File.SetUnixFileMode(Path.Combine(folder, name), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        return folder;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// The user PostgreSQL runs as when the tests run as root (initdb and postgres refuse root):
/// <see cref="TestServerEnvironment.PostgresUser"/>, else <c>postgres</c> (Debian's package creates it), else <c>nobody</c>.
/// </summary>
internal sealed record UnprivilegedUser(string Name, int Uid, int Gid)
{
    public static UnprivilegedUser Find()
    {
        var names = TestServerEnvironment.Get(TestServerEnvironment.PostgresUser) is { } named ? [named] : (string[])["postgres", "nobody"];
        foreach (var name in names)
        {
            if (Id(name, "-u") is { } uid && uid != 0 && Id(name, "-g") is { } gid)
            {
                return new UnprivilegedUser(name, uid, gid);
            }
        }

        throw new InvalidOperationException(
            $"The tests run as root and PostgreSQL refuses root, but no unprivileged user to run it as was found ({string.Join(", ", names)}); set {TestServerEnvironment.PostgresUser}.");
    }

    /// <summary>Gives <paramref name="folder"/> to this user, so that initdb and postgres can write in it.</summary>
    public void Own(string folder) => Run("chown", throwOnFailure: true, "-R", $"{Uid}:{Gid}", folder);

    private static int? Id(string name, string what) =>
        int.TryParse(Run("id", throwOnFailure: false, what, name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string? Run(string command, bool throwOnFailure, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            return throwOnFailure ? throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed: {errors.Result}") : null;
        }

        return output.Trim();
    }
}

namespace WebhookSignatures.Testing.Servers;

/// <summary>Prefixes for a server's command line.</summary>
internal static class ServerCommand
{
    private static readonly string? Setpriv = InstalledBinary.OnPath("setpriv", Environment.GetEnvironmentVariable("PATH"));

    /// <summary>
    /// Where util-linux's setpriv is (Linux), the server gets SIGKILL should its watchdog itself be killed: the watchdog
    /// is a single-threaded shell, so the parent-death signal follows it reliably. Must come after any change of user,
    /// which clears that signal.
    /// </summary>
    public static string[] DiesWithItsWatchdog() => Setpriv is null ? [] : [Setpriv, "--pdeathsig", "KILL", "--"];

    /// <summary>Runs the rest of the command as <paramref name="user"/> (the test host runs as root).</summary>
    public static string[] As(UnprivilegedUser user) =>
        Setpriv is null
            ? throw new InvalidOperationException("The tests run as root, and PostgreSQL refuses root: starting it as another user needs setpriv (apt-get install util-linux).")
            : [Setpriv, $"--reuid={user.Uid}", $"--regid={user.Gid}", "--clear-groups", "--"];
}

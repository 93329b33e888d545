namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>
/// Which chromium the inspector's browser tests drive: the one <see cref="Variable"/> names, else the one Playwright
/// installed (<c>playwright install chromium</c>), else Debian's <c>/usr/bin/chromium</c>.
/// </summary>
public static class ChromiumLocation
{
    public const string Variable = "WEBHOOKSIG_CHROMIUM";

    public const string Debian = "/usr/bin/chromium";

    /// <summary>The executable to launch, or an exception that says how to get one.</summary>
    /// <param name="named">The environment variable's value, if set.</param>
    /// <param name="playwrights">Where Playwright keeps the chromium it installs, if it says.</param>
    /// <param name="exists">Whether a file exists.</param>
    public static string Find(string? named, string? playwrights, Func<string, bool> exists)
    {
        if (!string.IsNullOrEmpty(named))
        {
            return exists(named) ? named : throw new InvalidOperationException($"{Variable}={named}, and there is no file there.");
        }

        if (!string.IsNullOrEmpty(playwrights) && exists(playwrights))
        {
            return playwrights;
        }

        return exists(Debian)
            ? Debian
            : throw new InvalidOperationException(
                "The inspector's browser tests found no chromium: run `playwright install chromium` where the internet is reachable "
                + "(pwsh tests/WebhookSignatures.Cli.Tests/bin/Debug/net10.0/playwright.ps1 install chromium), or install Debian's "
                + $"package (apt-get install chromium), or set {Variable} to a chromium executable.");
    }
}

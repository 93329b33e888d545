using Microsoft.Playwright;

namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>
/// Debian's chromium, driven by Playwright through <c>ExecutablePath</c>: nothing downloads a browser. Missing, it fails
/// every browser test with what to install (.ci/run installs it).
/// </summary>
public sealed class DebianChromium : IAsyncLifetime
{
    public const string DefaultPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("WEBHOOKSIG_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The inspector's browser tests need chromium at {ExecutablePath}, and it is not there. Install Debian's package "
                + "(apt-get install -y chromium; .ci/run does), or set WEBHOOKSIG_CHROMIUM to a chromium executable.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DebianChromium>
{
    public const string Name = "Debian chromium";
}

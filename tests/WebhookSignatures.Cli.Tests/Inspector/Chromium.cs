using Microsoft.Playwright;

namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>
/// A chromium driven by Playwright through <c>ExecutablePath</c>, found on the machine (<see cref="ChromiumLocation"/>);
/// nothing downloads a browser. None found, every browser test fails at once saying how to get one.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        var executable = ChromiumLocation.Find(
            Environment.GetEnvironmentVariable(ChromiumLocation.Variable),
            PlaywrightsOwn(_playwright),
            File.Exists);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
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

    // Where `playwright install chromium` puts the build this Playwright version expects.
    private static string? PlaywrightsOwn(IPlaywright playwright)
    {
        try
        {
            return playwright.Chromium.ExecutablePath;
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Chromium";
}

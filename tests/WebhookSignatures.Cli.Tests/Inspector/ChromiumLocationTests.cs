namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>The browser is looked for in a fixed order, and its absence is one message saying how to get one.</summary>
public sealed class ChromiumLocationTests
{
    private const string Named = "/opt/my/chrome";
    private const string Playwrights = "/root/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome";

    [Theory]
    [InlineData(true, true, true, Named)]
    [InlineData(false, true, true, Playwrights)]
    [InlineData(false, false, true, ChromiumLocation.Debian)]
    public void The_variable_comes_first_then_playwrights_own_then_debians(bool named, bool playwrights, bool debian, string expected)
    {
        var present = new HashSet<string>();
        if (named)
        {
            present.Add(Named);
        }

        if (playwrights)
        {
            present.Add(Playwrights);
        }

        if (debian)
        {
            present.Add(ChromiumLocation.Debian);
        }

        ChromiumLocation.Find(named ? Named : null, Playwrights, present.Contains).Should().Be(expected);
    }

    [Fact]
    public void A_variable_naming_nothing_fails_instead_of_falling_back()
    {
        FluentActions.Invoking(() => ChromiumLocation.Find(Named, Playwrights, path => path != Named))
            .Should().Throw<InvalidOperationException>().WithMessage($"WEBHOOKSIG_CHROMIUM={Named}, and there is no file there.");
    }

    [Fact]
    public void No_browser_at_all_says_how_to_get_one()
    {
        var failure = FluentActions.Invoking(() => ChromiumLocation.Find(null, Playwrights, _ => false)).Should().Throw<InvalidOperationException>().Which;

        failure.Message.Should().Contain("playwright install chromium").And.Contain("apt-get install chromium").And.Contain("WEBHOOKSIG_CHROMIUM");
    }
}

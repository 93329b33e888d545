using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A secret of whitespace only is refused at start-up like an empty one, whatever the scheme and wherever it stands in
/// the ring; a secret with whitespace around it (a trailing line break from a file) is used exactly as given, never
/// trimmed, and the start-up log says which registration and which position, never the secret.
/// </summary>
public sealed class SecretWhitespaceTests
{
    private const string Ping = """{"zen":"whitespace"}""";

    public static TheoryData<string, string, int> WhitespaceOnly()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var scheme in (string[])["github", "stripe", "slack", "shopify", "twilio", "gitlab"])
        {
            data.Add(scheme, new string(' ', 16), 0);
            data.Add(scheme, "\t\r\n\t\r\n\t\r\n\t\r\n\t\r\n\t\r\n", 1);
            data.Add(scheme, new string('\u00a0', 16) + "\u2003", 1);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WhitespaceOnly))]
    public async Task A_secret_of_whitespace_only_stops_the_start_naming_registration_and_position(string scheme, string blank, int position)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:Hooks:Secrets:0"] = position == 0 ? blank : Secrets.GitHub,
            ["Webhooks:Hooks:Secrets:1"] = position == 1 ? blank : null,
        }).Build();
        var start = () => TestApp.StartAsync(Shape.Convention, w => w
            .AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub))
            .Add("hooks", scheme, configuration.GetSection("Webhooks:Hooks")));

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;

        failure.Message.Should().Contain("Webhook registration 'hooks'").And.Contain($"Secrets:{position} is empty or only whitespace");
    }

    [Fact]
    public async Task A_secret_with_a_trailing_line_break_is_used_as_given_and_the_start_up_log_says_where()
    {
        const string WithBreak = Secrets.GitHub + "\n";
        await using var app = await TestApp.StartAsync(
            Shape.Convention,
            w => w.AddGitHub("github", o =>
            {
                o.Secrets.Add(Secrets.GitHub + "-current");
                o.Secrets.Add(WithBreak);
            }),
            kestrel: true);

        using var signedWithBreak = await app.Client.SendAsync(Deliveries.GitHub(Ping, WithBreak));
        using var signedTrimmed = await app.Client.SendAsync(Deliveries.GitHub(Ping, Secrets.GitHub));

        signedWithBreak.StatusCode.Should().Be(HttpStatusCode.OK, "the key is the secret as configured, line break included");
        signedTrimmed.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the secret is never trimmed into another key");
        var warning = app.Logs.Entries.Should().ContainSingle(e => e.EventId.Name == "WebhookSecretWhitespace").Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Message.Should().Contain("registration github").And.Contain("Secrets:1").And.Contain("ends with").And.Contain("line break");
        warning.All.Should().NotContain(Secrets.GitHub);
    }

    [Fact]
    public async Task Secrets_without_whitespace_around_them_log_no_warning()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);

        app.Logs.Entries.Should().NotContain(e => e.EventId.Name == "WebhookSecretWhitespace");
    }
}

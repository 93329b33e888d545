using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A registration bound from configuration without a secret stops the start naming the configuration path it read,
/// and notices the near misses: <c>Secret</c> in the singular, <c>Secrets</c> holding one string, a section that is
/// absent.
/// </summary>
public sealed class ConfigurationPathTests
{
    public static TheoryData<string, string?, string[]> Misses() => new()
    {
        { "Webhooks:GitHub:Secret", "github-webhook-secret-0000001", ["configuration path Webhooks:GitHub:Secrets", "Webhooks:GitHub:Secret (singular) is set", "rename it to Secrets, an array", "Webhooks__GitHub__Secrets__0"] },
        { "Webhooks:GitHub:Secret:0", "github-webhook-secret-0000001", ["configuration path Webhooks:GitHub:Secrets", "Webhooks:GitHub:Secret (singular) is set", "rename it to Secrets"] },
        { "Webhooks:GitHub:Secrets", "github-webhook-secret-0000001", ["configuration path Webhooks:GitHub:Secrets holds a single string, not an array", "make it an array", "\"Secrets\": [ \"…\" ]"] },
        { "Webhooks:Github:Tolerance", "00:05:00", ["configuration path Webhooks:GitHub:Secrets", "set \"Secrets\": [ \"…\" ] in JSON"] },
        { "Webhook:GitHub:Secrets:0", "github-webhook-secret-0000001", ["configuration path Webhooks:GitHub:Secrets", "the section Webhooks:GitHub is absent", "check its spelling"] },
    };

    [Theory]
    [MemberData(nameof(Misses))]
    public async Task A_missing_secret_names_the_path_read_and_the_near_miss(string key, string? value, string[] expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var start = () => TestApp.StartAsync(Shape.Convention, w => w.AddGitHub("github", configuration.GetSection("Webhooks:GitHub")));

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;

        var line = failure.Failures.Should().ContainSingle().Subject;
        line.Should().StartWith("Webhook registration 'github' (scheme 'github'): Secrets must hold at least one secret.");
        foreach (var part in expected)
        {
            line.Should().Contain(part);
        }

        line.Should().NotContain("github-webhook-secret-0000001");
    }

    [Fact]
    public async Task The_one_spelling_starts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:GitHub:Secrets:0"] = Secrets.GitHub,
        }).Build();

        await using var app = await TestApp.StartAsync(Shape.Convention, w => w.AddGitHub("github", configuration.GetSection("Webhooks:GitHub")));

        using var response = await app.Client.SendAsync(Deliveries.GitHub("""{"zen":"one spelling"}"""));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_registration_configured_in_code_without_a_secret_says_where_to_add_one()
    {
        var start = () => TestApp.StartAsync(Shape.Convention, w => w.AddGitHub("github", _ => { }));

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;

        failure.Failures.Should().ContainSingle().Which.Should().Contain("options.Secrets.Add(");
    }
}

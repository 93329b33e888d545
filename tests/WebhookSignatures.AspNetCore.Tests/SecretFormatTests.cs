using System.Net;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Ed25519;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A key that cannot be right for its sender stops the start with one line naming the registration, the scheme, the
/// position, what is wrong and the fix, never the key: the check lives on the scheme's catalog row.
/// </summary>
public sealed class SecretFormatTests
{
    private const string DiscordPublicKey = "e7a3ac0ad5e2b0bff0bf3bfe1a4e7c1b8f0d4bbf9a0d5f7b6e3a1c2d4e5f6a7b";

    public static TheoryData<string, string, string, string> WrongKeys() => new()
    {
        // scheme, key, what the message says is wrong, the fix it names
        { "stripe", "stripe-signing-secret-without-its-prefix", "does not start with whsec_", "copy the endpoint's signing secret whole, whsec_ included" },
        { "stripe", "whsec_0123456789abcdefghijklmnopqrstuv\n", "holds a line break after whsec_", "copy the endpoint's signing secret whole" },
        { "stripe", "whsec_0123456789abcdef 0123456789abcdef", "holds a space after whsec_", "stripe listen" },
        { "standard-webhooks", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "does not start with whsec_", "copy the endpoint's signing secret whole, whsec_ included" },
        { "standard-webhooks", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw!!", "is not base64 after whsec_", "Signing Secret" },
        { "standard-webhooks", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "is not base64 after whsec_", "Signing Secret" },
        { "discord", "e7a3ac0ad5e2b0bff0bf3bfe1a4e7c1b", "is not 64 hex digits long", "Public Key from the application's General Information page" },
        { "discord", "Bot MTA4NjI0NzQ1NjQ3Mjk5MjAxMA.GkQ0aB.abcdefghijklmnopqrstuvwxyz012345", "holds characters that are not hex digits", "not the client secret or the bot token" },
        { "twitch", "eventsub-secret-with-a-line-break\n", "holds a control character or line break", "transport.secret" },
        { "twitch", new string('s', 101), "longer than the 100 characters", "transport.secret" },
    };

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public async Task A_key_in_the_wrong_form_for_its_sender_stops_the_start_naming_the_fix(string scheme, string key, string problem, string fix)
    {
        var start = () => TestApp.StartAsync(Shape.Convention, w => w
            .AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub))
            .Add("hooks", scheme, o => o.Secrets.Add(key)));

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;

        var line = failure.Failures.Should().ContainSingle().Subject;
        line.Should().StartWith($"Webhook registration 'hooks' (scheme '{scheme}'): Secrets:0 ").And.Contain(problem).And.Contain(fix);
        line.Should().NotContain(key.Trim(), "a key is never repeated in a message");
    }

    [Fact]
    public async Task The_position_of_the_wrong_key_in_a_ring_is_named()
    {
        var start = () => TestApp.StartAsync(Shape.Convention, w => w
            .AddStripe("stripe", o =>
            {
                o.Secrets.Add("whsec_0123456789abcdefghijklmnopqrstuv");
                o.Secrets.Add("0123456789abcdefghijklmnopqrstuv");
            }));

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;

        failure.Failures.Should().ContainSingle().Which.Should().Contain("Secrets:1 does not start with whsec_");
    }

    [Fact]
    public async Task Keys_in_their_senders_forms_start_and_verify()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, w => w
            .AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub))
            .AddStripe("stripe", o => o.Secrets.Add("whsec_" + new string('a', 32)))
            .AddStandardWebhooks("standard-webhooks", o => o.Secrets.Add(ScriptedReceiver.StandardSecret))
            .AddDiscord("discord", o => o.Secrets.Add(DiscordPublicKey))
            .AddTwitch("twitch", o => o.Secrets.Add("a twitch eventsub secret")));

        using var github = await app.Client.SendAsync(Deliveries.GitHub("""{"zen":"ok"}"""));

        github.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void Every_check_lives_on_a_catalog_row_and_a_generated_key_passes_its_own_check()
    {
        var catalog = WebhookSchemeCatalog.BuiltIn.WithEd25519();
        var checkedSchemes = catalog.All.Where(static s => s.SecretCheck is not null).Select(static s => s.Name);

        checkedSchemes.Should().BeEquivalentTo(["stripe", "standard-webhooks", "discord", "twitch"]);
        foreach (var scheme in catalog.All)
        {
            scheme.CheckSecret(scheme.GenerateSecret()).Should().BeNull($"{scheme.Name}'s own generated key is in its form");
        }
    }
}

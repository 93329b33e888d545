using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Ed25519;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A Discord interactions endpoint and a Standard Webhooks endpoint whose ring mixes a secret and public keys, on a real
/// Kestrel server bound to 127.0.0.1, written as the docs write them (the handler answers Discord's PING).
/// </summary>
public sealed class Ed25519KestrelTests
{
    private const string DiscordPrivateKey = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string DiscordPublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    // RFC 8032's third test key: seed, then its whpk_ public key.
    private const string SenderPrivateKey = "whsk_xaqN9D+fg3vtt0QvMdy3sWbThTUHbwlLhc46LgtEWPc=";
    private const string SenderPublicKey = "whpk_/FHNjmIYoaONpH7QAjDwWAgW7RO6MwOsXeuRFUiQgCU=";
    private const string OtherPublicKey = "whpk_PUAXw+hDiVqStwqnTRt+vJyYLM8uyWjMzNVfEq9GZgw=";

    [Fact]
    public async Task A_real_server_answers_a_discord_ping_and_verifies_mixed_standard_webhooks_keys()
    {
        var time = new FakeTimeProvider(TestApp.Now);
        await using var app = await StartAsync(time);
        var discord = new DiscordSignature(new WebhookSchemeOptions { TimeProvider = time });
        var standard = WebhookSchemeCatalog.BuiltIn.WithEd25519().Get(StandardWebhooksSignature.SchemeName).Create(new WebhookSchemeOptions { TimeProvider = time });

        using var ping = await PostAsync(app.Client, "/discord", Sign(discord, DiscordPrivateKey, """{"id":"1","type":1,"application_id":"2"}"""));
        using var command = await PostAsync(app.Client, "/discord", Sign(discord, DiscordPrivateKey, """{"id":"3","type":2,"data":{"name":"hello"}}"""));
        using var forgedPing = await PostAsync(app.Client, "/discord", Sign(discord, DiscordSignature.GeneratePrivateKey(), """{"id":"4","type":1}"""));
        using var asymmetric = await PostAsync(app.Client, "/standard", Sign(standard, SenderPrivateKey, """{"type":"user.created"}"""));
        using var symmetric = await PostAsync(app.Client, "/standard", Sign(standard, Secret, """{"type":"user.deleted"}"""));
        using var unknownKey = await PostAsync(app.Client, "/standard", Sign(standard, "whsk_" + Convert.ToBase64String(new byte[32]), """{"type":"x"}"""));

        ((int)ping.StatusCode).Should().Be(200);
        (await ping.Content.ReadAsStringAsync()).Should().Be("""{"type":1}""");
        ping.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await command.Content.ReadAsStringAsync()).Should().Be("""{"type":4,"data":{"content":"hello"}}""");
        ((int)forgedPing.StatusCode).Should().Be(401, "Discord checks that a bad signature is refused");
        (await asymmetric.Content.ReadAsStringAsync()).Should().Be("key=1 user.created", "the v1a signature verifies with the public key in the middle");
        (await symmetric.Content.ReadAsStringAsync()).Should().Be("key=0 user.deleted");
        ((int)unknownKey.StatusCode).Should().Be(401);
    }

    private static async Task<KestrelApp> StartAsync(FakeTimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddWebhookSignatures()
            .AddDiscord("discord", o => o.Secrets.Add(DiscordPublicKey))
            .AddStandardWebhooks("standard", o =>
            {
                o.Secrets.Add(Secret);
                o.Secrets.Add(SenderPublicKey);
                o.Secrets.Add(OtherPublicKey);
            });

        var app = builder.Build();
        app.MapPost("/discord", (HttpContext context) =>
        {
            var webhook = context.GetWebhookVerification()!;
            var interaction = System.Text.Json.JsonDocument.Parse(webhook.Body).RootElement;
            return interaction.GetProperty("type").GetInt32() == 1
                ? Results.Text("""{"type":1}""", "application/json")
                : Results.Text($$$"""{"type":4,"data":{"content":"{{{interaction.GetProperty("data").GetProperty("name").GetString()}}}"}}""", "application/json");
        }).RequireWebhookSignature("discord");
        app.MapPost("/standard", (HttpContext context) =>
        {
            var webhook = context.GetWebhookVerification()!;
            return Results.Text($"key={webhook.Result.MatchedKeyIndex} {System.Text.Json.JsonDocument.Parse(webhook.Body).RootElement.GetProperty("type").GetString()}");
        }).RequireWebhookSignature("standard");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        new Uri(address).Host.Should().Be("127.0.0.1");
        return new KestrelApp(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    private static SignedWebhook Sign(WebhookScheme scheme, string key, string body)
    {
        using var keys = scheme.CreateKeyRing([key]);
        return scheme.Sign(Encoding.UTF8.GetBytes(body), keys);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, SignedWebhook signed) =>
        client.SendAsync(Deliveries.Post(path, signed.Body.ToArray(), [.. signed.Headers.Select(h => (h.Key, h.Value))]));

    private sealed class KestrelApp(WebApplication app, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client { get; } = client;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.DisposeAsync();
        }
    }
}

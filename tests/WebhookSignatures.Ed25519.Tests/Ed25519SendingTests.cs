using System.Net;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Ed25519.Tests;

/// <summary>
/// Sending with Ed25519 keys: a rotation signs <c>v1a</c> with both private keys (or <c>v1a</c> beside a previous
/// <c>v1</c> secret), which receivers holding only one public key or secret accept; and Discord, identified by what its
/// signature covers, resends its first attempt's bytes inside the window and refuses after.
/// </summary>
public sealed class Ed25519SendingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_712_345_678);
    private static readonly byte[] Body = """{"type":"ping"}"""u8.ToArray();

    [Fact]
    public void A_v1a_rotation_is_accepted_by_receivers_holding_only_the_new_or_only_the_old_public_key()
    {
        var scheme = StandardWebhooks(new FakeTimeProvider(Now));
        var (fresh, previous) = (TestEd25519Keys.Generate(), TestEd25519Keys.Generate());
        using var ring = scheme.CreateKeyRing([fresh.WhskSeed, previous.WhskSeed]);
        using var signing = ring.WithPreviousKeySigningUntil(Now.AddDays(1));

        var signed = scheme.Sign(Body, signing);

        signed.Headers.GetValue("webhook-signature")!.Split(' ').Should().HaveCount(2).And.AllSatisfy(e => e.Should().StartWith("v1a,"));
        foreach (var only in new[] { fresh.Whpk, previous.Whpk })
        {
            using var receiver = scheme.CreateKeyRing([only]);
            scheme.Verify(new(signed.Headers, signed.Body.Span), receiver).IsValid.Should().BeTrue();
        }
    }

    [Fact]
    public void Moving_from_a_secret_to_an_Ed25519_key_signs_v1a_and_v1_for_the_grace_time()
    {
        var scheme = StandardWebhooks(new FakeTimeProvider(Now));
        var fresh = TestEd25519Keys.Generate();
        var secret = StandardWebhooksSignature.GenerateSecret();
        using var ring = scheme.CreateKeyRing([fresh.WhskFull, secret]);
        using var signing = ring.WithPreviousKeySigningUntil(Now.AddDays(1));

        var signed = scheme.Sign(Body, signing);

        signed.Headers.GetValue("webhook-signature")!.Should().MatchRegex("^v1a,[A-Za-z0-9+/=]{88} v1,[A-Za-z0-9+/=]{44}$");
        using var publicKeyOnly = scheme.CreateKeyRing([fresh.Whpk]);
        using var secretOnly = scheme.CreateKeyRing([secret]);
        scheme.Verify(new(signed.Headers, signed.Body.Span), publicKeyOnly).IsValid.Should().BeTrue();
        scheme.Verify(new(signed.Headers, signed.Body.Span), secretOnly).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task A_discord_attempt_is_resent_byte_for_byte_inside_the_window_and_refused_after()
    {
        var clock = new FakeTimeProvider(Now);
        var discord = Catalogs.WithEd25519.Get("discord");
        var scheme = discord.Create(new WebhookSchemeOptions { TimeProvider = clock, Ed25519 = WebhookEd25519.Instance });
        using var keys = scheme.CreateKeyRing([TestEd25519Keys.Generate().DiscordPrivateKey]);
        var wire = new Wire();
        using var invoker = new HttpMessageInvoker(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = scheme, Keys = keys }) { InnerHandler = wire });
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://hooks.example.com/discord") { Content = new ByteArrayContent(Body) };

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(35));
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        clock.Advance(scheme.Tolerance);
        var late = () => invoker.SendAsync(request, CancellationToken.None);

        await late.Should().ThrowAsync<WebhookResendRefusedException>();
        wire.Sent.Should().HaveCount(2);
        wire.Sent[1].Should().Be(wire.Sent[0], "a new signature would be a new delivery to Discord's receivers");
    }

    private static StandardWebhooksSignature StandardWebhooks(TimeProvider clock) =>
        new(new WebhookSchemeOptions { TimeProvider = clock, Ed25519 = WebhookEd25519.Instance });

    /// <summary>Records each attempt's body and signature headers as one line, and answers 503.</summary>
    private sealed class Wire : HttpMessageHandler
    {
        public List<string> Sent { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Sent.Add(string.Join("\n", request.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {string.Join(",", h.Value)}")) + "\n" + body);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }
    }
}

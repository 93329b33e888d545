using System.Text;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>The receiver on a real Kestrel server bound to 127.0.0.1 on a free port.</summary>
public sealed class KestrelTests
{
    [Fact]
    public async Task A_real_server_verifies_infisical_and_snyk_deliveries_over_http()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);
        app.Client.BaseAddress!.Host.Should().Be("127.0.0.1");

        using var infisical = await app.Client.SendAsync(Deliveries.Infisical(Secrets.Infisical, TestApp.Now));
        using var replayed = await app.Client.SendAsync(Deliveries.Infisical(Secrets.Infisical, TestApp.Now));
        using var snykChunked = await app.Client.SendAsync(Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, Encoding.UTF8.GetBytes(new string('x', 40_000)), "/hooks/snyk", chunked: true));
        using var bound = await app.Client.SendAsync(Deliveries.Snyk("""{"webhookId":"over-kestrel"}""", path: "/bound/snyk"));
        using var piped = await app.Client.SendAsync(Deliveries.Snyk("""{"webhookId":"pipe"}""", path: "/bound/pipe"));
        using var forged = await app.Client.SendAsync(Deliveries.GitHub("{}", Secrets.Unknown));
        using var tooLarge = await app.Client.SendAsync(Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, new byte[TestApp.SnykMaxBodySize + 1], "/hooks/snyk"));
        using var chunkedTooLarge = await app.Client.SendAsync(Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, new byte[1024 * 1024], "/hooks/snyk", chunked: true));

        ((int)infisical.StatusCode).Should().Be(200);
        (await infisical.Content.ReadAsStringAsync()).Should().StartWith("infisical|infisical|key=0|").And.Contain("reread=True");
        ((int)replayed.StatusCode).Should().Be(200, "a resent delivery is acknowledged without running the handler");
        (await replayed.Content.ReadAsStringAsync()).Should().BeEmpty();
        ((int)snykChunked.StatusCode).Should().Be(200);
        (await snykChunked.Content.ReadAsStringAsync()).Should().EndWith("length=40000");
        (await bound.Content.ReadAsStringAsync()).Should().Be("over-kestrel");
        (await piped.Content.ReadAsStringAsync()).Should().Be("""{"webhookId":"pipe"}""".Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ((int)forged.StatusCode).Should().Be(401);
        ((int)tooLarge.StatusCode).Should().Be(413);
        ((int)chunkedTooLarge.StatusCode).Should().Be(413);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookAccepted" && e.Values.Contains("RemoteAddress=127.0.0.1", StringComparison.Ordinal));
    }
}

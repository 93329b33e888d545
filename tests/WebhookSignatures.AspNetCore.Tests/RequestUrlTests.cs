using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.HubSpot;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Schemes that sign the request line verify against the URL the request arrived on, or, behind a proxy that changes it,
/// against the registration's PublicBaseUrl followed by the path and query.
/// </summary>
public sealed class RequestUrlTests
{
    private const string ClientSecret = "hubspot-client-secret-0123456789";
    private static readonly byte[] Body = """[{"eventId":1,"subscriptionType":"contact.creation"}]"""u8.ToArray();

    [Fact]
    public async Task A_real_server_verifies_against_the_url_the_request_arrived_on()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, webhooks => webhooks.AddHubSpot("hubspot", o => o.Secrets.Add(ClientSecret)), kestrel: true);
        var url = new Uri(app.Client.BaseAddress!, "/hooks/hubspot?portal=62515");

        using var signed = await app.Client.SendAsync(Signed(url, url, TestApp.Now));
        using var otherQuery = await app.Client.SendAsync(Signed(new Uri(app.Client.BaseAddress!, "/hooks/hubspot?portal=1"), url, TestApp.Now));

        ((int)signed.StatusCode).Should().Be(200);
        ((int)otherQuery.StatusCode).Should().Be(401);
        app.HandlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task Behind_a_proxy_that_strips_a_prefix_the_public_base_url_is_what_the_sender_signed()
    {
        // The sender calls https://hooks.example.com/webhooks/hooks/hubspot; the proxy forwards /hooks/hubspot to the app.
        var publicUrl = new Uri("https://hooks.example.com/webhooks/hooks/hubspot?portal=62515");
        var internalUrl = new Uri("http://localhost/hooks/hubspot?portal=62515");

        await using (var unpinned = await TestApp.StartAsync(Shape.Convention, webhooks => webhooks.AddHubSpot("hubspot", o => o.Secrets.Add(ClientSecret))))
        {
            using var refused = await unpinned.Client.SendAsync(Signed(publicUrl, internalUrl, TestApp.Now));
            ((int)refused.StatusCode).Should().Be(401, "the app sees the internal URL, not the one the sender signed");
            unpinned.Logs.Entries.Should().Contain(e => e.Values.Contains("Reason=SignatureMismatch", StringComparison.Ordinal));
        }

        await using var pinned = await TestApp.StartAsync(Shape.Convention, webhooks => webhooks.AddHubSpot("hubspot", o =>
        {
            o.Secrets.Add(ClientSecret);
            o.PublicBaseUrl = new Uri("https://hooks.example.com/webhooks/");
        }));
        using var accepted = await pinned.Client.SendAsync(Signed(publicUrl, internalUrl, TestApp.Now));
        using var replayed = await pinned.Client.SendAsync(Signed(publicUrl, internalUrl, TestApp.Now));

        ((int)accepted.StatusCode).Should().Be(200);
        pinned.HandlerRuns.Should().Be(1, "the replay has the same signed content, URL included, and is a duplicate");
    }

    [Theory]
    [InlineData("/relative")]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("https://hooks.example.com/?q=1")]
    public async Task A_public_base_url_that_is_not_an_absolute_http_base_refuses_to_start(string baseUrl)
    {
        var start = TestApp.StartAsync(Shape.Convention, webhooks => webhooks.AddHubSpot("hubspot", o =>
        {
            o.Secrets.Add(ClientSecret);
            o.PublicBaseUrl = new Uri(baseUrl, UriKind.RelativeOrAbsolute);
        }));

        (await start.Invoking(s => s).Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("PublicBaseUrl");
    }

    /// <summary>A HubSpot delivery the sender signed for <paramref name="signedUrl"/>, sent to <paramref name="sentTo"/>.</summary>
    private static HttpRequestMessage Signed(Uri signedUrl, Uri sentTo, DateTimeOffset at)
    {
        using var keys = KeyRing.FromSecrets(ClientSecret);
        var signed = HubSpotSignature.Default.Sign(Body, keys, new() { Target = WebhookRequestTarget.Post(signedUrl), Timestamp = at });
        var request = Deliveries.Post(sentTo.PathAndQuery, Body, [.. signed.Headers.Select(h => (h.Key, h.Value))]);
        request.RequestUri = sentTo;
        return request;
    }
}

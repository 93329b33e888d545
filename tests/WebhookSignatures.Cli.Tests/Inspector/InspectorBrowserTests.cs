using System.Net;
using System.Text;
using Microsoft.Playwright;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>The inspector in a real browser: live deliveries, hints, escaping and resend.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InspectorBrowserTests(Chromium chromium)
{
    private const string Secret = "inspector-browser-secret-4d2e9";
    private const float Wait = 20_000;

    [Fact]
    public async Task Deliveries_sent_after_the_page_opened_appear_without_a_reload()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--inspect");
        var page = await OpenAsync(listener);
        await page.EvaluateAsync("() => { window.sameDocument = 'yes'; }");

        await SendAsync(listener, "ping");
        await SendAsync(listener, "push");

        var deliveries = page.Locator("article.delivery");
        await Assertions.Expect(deliveries).ToHaveCountAsync(2, new() { Timeout = Wait });
        await Assertions.Expect(deliveries.First.Locator(".event")).ToHaveTextAsync("push");
        await Assertions.Expect(deliveries.Nth(1).Locator(".event")).ToHaveTextAsync("ping");
        await Assertions.Expect(deliveries.First.Locator(".verdict")).ToHaveTextAsync("accepted 204");
        (await page.EvaluateAsync<string>("() => window.sameDocument")).Should().Be("yes", "the page was not reloaded");
    }

    [Fact]
    public async Task A_tampered_delivery_shows_SignatureMismatch_and_the_hint_verify_gives()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--inspect");
        var page = await OpenAsync(listener);
        var signedBody = "{\n  \"zen\": \"Keep it logically awesome.\"\n}"u8.ToArray();
        var signature = HubSignature.CreateSignatureHeader(signedBody, Encoding.UTF8.GetBytes(Secret));
        var received = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signedBody).Replace("\n", "\r\n", StringComparison.Ordinal));

        (await PostAsync(listener.Url, received, (GitHubSignature.SignatureHeaderName, signature), (GitHubSignature.EventHeaderName, "ping"))).Should().Be(HttpStatusCode.Unauthorized);
        using var body = new TempFile(received);
        var verify = await CliHarness.RunAsync(["verify", "--scheme", "github", "--secret", Secret, "--header", $"{GitHubSignature.SignatureHeaderName}: {signature}", "--body-file", body.Path]);

        var delivery = page.Locator("article.delivery").First;
        await Assertions.Expect(delivery.Locator(".reason")).ToHaveTextAsync("SignatureMismatch", new() { Timeout = Wait });
        var hint = verify.Out.Split('\n').Single(l => l.Contains("hint: ", StringComparison.Ordinal)).Trim()["hint: ".Length..];
        hint.Should().Contain("LF instead of CRLF");
        await Assertions.Expect(delivery.Locator(".hints li")).ToHaveTextAsync([hint]);
    }

    [Fact]
    public async Task Markup_in_an_event_header_and_a_body_shows_as_text_live_and_when_the_page_loads()
    {
        const string Markup = "<img src=x onerror=\"window.injected='header'\">";
        var hostileBody = Encoding.UTF8.GetBytes("{\"zen\":\"<img src=x onerror=window.injected='body'><script>window.injected='script'</script>\"}");
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--inspect");
        var page = await OpenAsync(listener);

        var signature = HubSignature.CreateSignatureHeader(hostileBody, Encoding.UTF8.GetBytes(Secret));
        (await PostAsync(listener.Url, hostileBody, (GitHubSignature.SignatureHeaderName, signature), (GitHubSignature.EventHeaderName, Markup))).Should().Be(HttpStatusCode.NoContent);
        (await PostAsync(listener.Url, hostileBody, (GitHubSignature.EventHeaderName, Markup))).Should().Be(HttpStatusCode.Unauthorized);

        await Assertions.Expect(page.Locator("article.delivery")).ToHaveCountAsync(2, new() { Timeout = Wait });
        await ExpectShownAsTextAsync(page, Markup, hostileBody);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("article.delivery")).ToHaveCountAsync(2, new() { Timeout = Wait });
        await ExpectShownAsTextAsync(page, Markup, hostileBody);
    }

    [Fact]
    public async Task Resend_posts_the_exact_bytes_again_and_shows_the_duplicates_answer()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--inspect");
        await SendAsync(listener, "ping");
        var page = await OpenAsync(listener);
        var first = page.Locator("article.delivery").First;
        await Assertions.Expect(first.Locator(".verdict")).ToHaveTextAsync("accepted 204", new() { Timeout = Wait });

        await first.Locator("button[data-action=resend]").ClickAsync();

        var deliveries = page.Locator("article.delivery");
        await Assertions.Expect(deliveries).ToHaveCountAsync(2, new() { Timeout = Wait });
        await Assertions.Expect(deliveries.First.Locator(".verdict")).ToHaveTextAsync("duplicate 200");
        await Assertions.Expect(deliveries.First.Locator(".reason")).ToHaveTextAsync("Duplicate");
        await Assertions.Expect(page.Locator("#delivery-1 output.action-result")).ToHaveTextAsync("resent: the receiver answered 200", new() { Timeout = Wait });
        (await deliveries.First.Locator("pre.body-raw").TextContentAsync()).Should().Be(await page.Locator("#delivery-1 pre.body-raw").TextContentAsync());

        // The picture in docs/tool.md: WEBHOOKSIG_INSPECTOR_SCREENSHOT=docs/images/inspector.png dotnet test … --filter Resend
        if (Environment.GetEnvironmentVariable("WEBHOOKSIG_INSPECTOR_SCREENSHOT") is { Length: > 0 } screenshot)
        {
            await SendTamperedAsync(listener);
            await Assertions.Expect(deliveries).ToHaveCountAsync(3, new() { Timeout = Wait });
            await page.SetViewportSizeAsync(1280, 1100);
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = false });
        }
    }

    [Fact]
    public async Task A_page_that_reconnects_after_missing_deliveries_reloads_and_shows_what_is_kept()
    {
        var port = FreePort();
        var urls = $"http://127.0.0.1:{port}";
        var first = await RunningListener.StartOnAsync(urls, "--scheme", "github", "--secret", Secret, "--inspect");
        IPage page;
        try
        {
            page = await OpenAsync(first);
            await SendAsync(first, "ping");
            await Assertions.Expect(page.Locator("article.delivery .event")).ToHaveTextAsync(["ping"], new() { Timeout = Wait });
        }
        finally
        {
            await first.DisposeAsync();
        }

        // Another run on the same address: its delivery #1 is not the page's #1, and the page's #1 is gone.
        await using var second = await RunningListener.StartOnAsync(urls, "--scheme", "github", "--secret", Secret, "--inspect");
        await SendAsync(second, "push");

        await Assertions.Expect(page.Locator("article.delivery .event")).ToHaveTextAsync(["push"], new() { Timeout = Wait });
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = Wait });
    }

    private static async Task ExpectShownAsTextAsync(IPage page, string markup, byte[] body)
    {
        (await page.Locator("article.delivery img").CountAsync()).Should().Be(0);
        (await page.Locator("article.delivery script").CountAsync()).Should().Be(0);
        (await page.EvaluateAsync<string?>("() => window.injected ?? null")).Should().BeNull();
        // Newest first: the unsigned delivery is not described (no event), the signed one shows the header as text.
        var events = await page.Locator("article.delivery .event").AllTextContentsAsync();
        events.Should().Equal("-", markup);
        var headerValues = await page.Locator("article.delivery table.headers td").AllTextContentsAsync();
        headerValues.Count(value => value == markup).Should().Be(2, "both deliveries list the event header, as text");
        var bodies = await page.Locator("article.delivery pre.body-raw").AllTextContentsAsync();
        bodies.Should().AllBe(Encoding.UTF8.GetString(body));
    }

    private async Task<IPage> OpenAsync(RunningListener listener)
    {
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(listener.Url, "/_inspect").ToString());
        response!.Status.Should().Be(200);
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = Wait });
        return page;
    }

    private static async Task SendAsync(RunningListener listener, string eventName)
    {
        var sent = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", listener.Url.ToString(), "--secret", Secret, "--allow-http", "--event", eventName]);
        sent.ExitCode.Should().Be(0, sent.All);
    }

    private static async Task SendTamperedAsync(RunningListener listener)
    {
        var body = "{\"zen\":\"Approachable is better than simple.\"}"u8.ToArray();
        var signature = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));
        body[9] ^= 0x20;
        await PostAsync(listener.Url, body, (GitHubSignature.SignatureHeaderName, signature), (GitHubSignature.EventHeaderName, "ping"));
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static async Task<HttpStatusCode> PostAsync(Uri url, byte[] body, params (string Name, string Value)[] headers)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}

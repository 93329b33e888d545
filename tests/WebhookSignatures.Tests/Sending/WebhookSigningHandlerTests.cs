using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Models.Infisical;
using WebhookSignatures.Models.Snyk;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Tests.Sending;

public sealed class WebhookSigningHandlerTests
{
    private const string Secret = "sender-secret-0123456789";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_712_345_678_901);

    [Fact]
    public async Task The_bytes_sent_are_the_bytes_signed_and_verify_with_the_library()
    {
        var clock = new FakeTimeProvider(Now);
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler();
        using var client = CreateClient(scheme, keys, recorder);

        using var response = await client.PostAsync(new Uri("https://hooks.example.com/in"), new StringContent("""{"event":"test"}""", Encoding.UTF8, "application/json"));

        var (_, body, headers, contentType) = recorder.Sent.Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(body).Should().Be("""{"event":"test","timestamp":1712345678901}""");
        headers.GetValue(InfisicalSignature.SignatureHeaderName).Should().Be(InfisicalSignature.CreateSignatureHeader(1_712_345_678_901, body, Encoding.UTF8.GetBytes(Secret)));
        scheme.Verify(new(headers, body), keys).IsValid.Should().BeTrue();
        contentType.Should().Be("application/json");
    }

    [Fact]
    public async Task A_hub_signed_body_is_sent_unchanged()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler();
        using var client = CreateClient(GitHubSignature.Default, keys, recorder);
        var payload = "{\"zen\": \"Keep it logically awesome.\"}\r\n"u8.ToArray();

        using var response = await client.PostAsync(new Uri("https://hooks.example.com/in"), new ByteArrayContent(payload));

        var sent = recorder.Sent.Should().ContainSingle().Subject;
        sent.Body.Should().Equal(payload);
        sent.Headers.GetValue(GitHubSignature.SignatureHeaderName).Should().Be(HubSignature.CreateSignatureHeader(payload, Encoding.UTF8.GetBytes(Secret)));
    }

    [Fact]
    public async Task A_request_sent_twice_carries_identical_bytes_and_signature()
    {
        var clock = new FakeTimeProvider(Now);
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler();
        using var invoker = new HttpMessageInvoker(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = scheme, Keys = keys }) { InnerHandler = recorder });
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://hooks.example.com/in") { Content = new StringContent("""{"event":"test"}""") };

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(30));
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        recorder.Sent.Should().HaveCount(2);
        recorder.Sent[1].Body.Should().Equal(recorder.Sent[0].Body);
        recorder.Sent[1].Headers.GetValue(InfisicalSignature.SignatureHeaderName).Should().Be(recorder.Sent[0].Headers.GetValue(InfisicalSignature.SignatureHeaderName));
    }

    [Theory]
    [InlineData("http://hooks.example.com/in", true)]
    [InlineData("http://hooks.example.com/in", false)]
    [InlineData("http://10.0.0.7/in", true)]
    [InlineData("http://127.0.0.1:5000/in", false)]
    [InlineData("http://localhost:5000/in", false)]
    [InlineData("ftp://hooks.example.com/in", true)]
    public async Task Plain_http_is_refused_unless_the_target_is_loopback_and_it_was_allowed(string url, bool allowHttpToLoopback)
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler();
        using var client = CreateClient(SnykSignature.Default, keys, recorder, allowHttpToLoopback);

        var send = () => client.PostAsync(new Uri(url), new StringContent("{}"));

        (await send.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("HTTPS");
        recorder.Sent.Should().BeEmpty();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/in")]
    [InlineData("http://localhost:5000/in")]
    [InlineData("http://[::1]:5000/in")]
    public async Task Plain_http_to_loopback_is_sent_when_allowed(string url)
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler();
        using var client = CreateClient(SnykSignature.Default, keys, recorder, allowHttpToLoopback: true);

        using var response = await client.PostAsync(new Uri(url), new StringContent("{}"));

        recorder.Sent.Should().ContainSingle().Which.Url.Should().Be(new Uri(url));
    }

    [Fact]
    public async Task The_refusal_names_the_host_but_not_the_path_or_query()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        using var client = CreateClient(SnykSignature.Default, keys, new RecordingHandler());

        var send = () => client.PostAsync(new Uri("http://hooks.example.com/in?token=hunter2"), new StringContent("{}"));

        var message = (await send.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        message.Should().Contain("hooks.example.com").And.NotContain("hunter2");
    }

    [Fact]
    public async Task A_delivery_that_outlasts_the_timeout_fails_with_a_TimeoutException()
    {
        var clock = new FakeTimeProvider(Now);
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler { Hang = true };
        using var client = CreateClient(scheme, keys, recorder);

        var sending = client.PostAsync(new Uri("https://hooks.example.com/in"), new StringContent("{}"));
        await recorder.Entered.Task;
        clock.Advance(TimeSpan.FromSeconds(14.999));
        sending.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));

        // The real-time bound only stops a broken handler from hanging the run; it is not what is asserted.
        (await Task.WhenAny(sending, Task.Delay(TimeSpan.FromMinutes(1)))).Should().BeSameAs(sending);
        var outcome = () => sending;
        await outcome.Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task A_caller_cancellation_is_not_reported_as_a_timeout()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler { Hang = true };
        using var client = CreateClient(SnykSignature.Default, keys, recorder);
        using var cancel = new CancellationTokenSource();

        var sending = client.PostAsync(new Uri("https://hooks.example.com/in"), new StringContent("{}"), cancel.Token);
        await recorder.Entered.Task;
        await cancel.CancelAsync();

        var outcome = () => sending;
        (await outcome.Should().ThrowAsync<OperationCanceledException>()).Which.Should().NotBeOfType<TimeoutException>();
    }

    [Fact]
    public async Task A_handler_without_keys_refuses_to_send()
    {
        var recorder = new RecordingHandler();
        using var client = new HttpClient(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = SnykSignature.Default }) { InnerHandler = recorder });

        var send = () => client.PostAsync(new Uri("https://hooks.example.com/in"), new StringContent("{}"));

        await send.Should().ThrowAsync<InvalidOperationException>();
        recorder.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task The_sender_serializes_a_model_signs_it_and_adds_the_descriptive_headers()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler();
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys }, recorder);

        using var response = await sender.SendAsync(
            new Uri("https://hooks.example.com/in"),
            new SamplePing("ping", "Design for failure."),
            SendingJsonContext.Default.SamplePing,
            [KeyValuePair.Create("X-GitHub-Event", "ping")]);

        var sent = recorder.Sent.Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(sent.Body).Should().Be("""{"event":"ping","zen":"Design for failure."}""");
        sent.Headers.GetValue("X-GitHub-Event").Should().Be("ping");
        GitHubSignature.Default.Verify(new(sent.Headers, sent.Body), keys).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task The_sender_writes_an_Infisical_model_as_Infisical_does_and_the_handler_appends_the_signed_timestamp()
    {
        var clock = new FakeTimeProvider(Now);
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler();
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = scheme, Keys = keys }, recorder);
        var model = new InfisicalSecretsModifiedEvent { Project = new InfisicalProject { ProjectId = "p1", Environment = "prod" } };

        using var response = await sender.SendAsync(new Uri("https://hooks.example.com/in"), model);

        var sent = recorder.Sent.Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(sent.Body).Should().Be("""{"event":"secrets.modified","project":{"projectId":"p1","environment":"prod"},"timestamp":1712345678901}""");
        var result = scheme.Verify(new(sent.Headers, sent.Body), keys);
        result.IsValid.Should().BeTrue();
        InfisicalWebhookParser.Parse(sent.Body).Value.Should().BeOfType<InfisicalSecretsModifiedEvent>();
    }

    [Fact]
    public async Task The_sender_posts_a_Snyk_event_with_the_headers_Snyk_sends()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler();
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = SnykSignature.Default, Keys = keys }, recorder);

        using var response = await sender.SendAsync(new Uri("https://hooks.example.com/in"), new SnykPingEvent { WebhookId = "wh-1" }, Now);

        var sent = recorder.Sent.Should().ContainSingle().Subject;
        sent.Headers.GetValue("X-Snyk-Event").Should().StartWith("ping");
        Guid.TryParse(sent.Headers.GetValue("X-Snyk-Transport-ID"), out _).Should().BeTrue();
        sent.Headers.GetValue("X-Snyk-Timestamp").Should().Be("2024-04-05T19:34:38Z");
        SnykSignature.Default.Verify(new(sent.Headers, sent.Body), keys).IsValid.Should().BeTrue();
        SnykWebhookParser.Parse(sent.Headers, sent.Body).Value.Should().BeOfType<SnykPingEvent>().Which.WebhookId.Should().Be("wh-1");
    }

    private static HttpClient CreateClient(WebhookScheme scheme, KeyRing keys, HttpMessageHandler inner, bool allowHttpToLoopback = false) =>
        new(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = scheme, Keys = keys, AllowHttpToLoopback = allowHttpToLoopback }) { InnerHandler = inner });
}

using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

public sealed class BodyTests
{
    private const string Ping = """{"webhookId":"d3cf26b3-2d77-497b-bce2-23b33cc15362"}""";

    [Theory]
    [InlineData(Shape.Middleware)]
    [InlineData(Shape.Convention)]
    [InlineData(Shape.Mvc)]
    public async Task Parameter_binding_reads_the_verified_body(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape);

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping, path: "/bound/snyk"));

        ((int)response.StatusCode).Should().Be(200);
        (await response.Content.ReadAsStringAsync()).Should().Contain("d3cf26b3-2d77-497b-bce2-23b33cc15362");
    }

    [Theory]
    [InlineData(Shape.Middleware)]
    [InlineData(Shape.Convention)]
    [InlineData(Shape.Mvc)]
    public async Task Parameter_binding_never_sees_an_unverified_body(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape);

        // Not even JSON: binding would answer 400 if it ran before verification.
        using var response = await app.Client.SendAsync(Deliveries.Post("/bound/snyk", "not json"u8.ToArray(), ("X-Hub-Signature", "sha256=" + new string('0', 64))));

        ((int)response.StatusCode).Should().Be(401);
    }

    [Theory]
    [InlineData(Shape.Middleware)]
    [InlineData(Shape.Convention)]
    public async Task ReadFromJsonAsync_reads_the_verified_body(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape);

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping, path: "/bound/json"));

        (await response.Content.ReadAsStringAsync()).Should().Contain("d3cf26b3");
    }

    [Theory]
    [InlineData(Shape.Middleware)]
    [InlineData(Shape.Convention)]
    public async Task The_request_body_pipe_reads_the_whole_verified_body(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape);

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping, path: "/bound/pipe"));

        (await response.Content.ReadAsStringAsync()).Should().Be(Ping.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_a_byte_is_read()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.ContentLength = TestApp.SnykMaxBodySize + 1;
        var body = new UnreadableStream();
        context.Request.Body = body;

        var passed = await app.Services.GetRequiredService<WebhookDeliveryPipeline>().VerifyAsync(context, "snyk");

        passed.Should().BeFalse();
        context.Response.StatusCode.Should().Be(413);
        body.Reads.Should().Be(0);
    }

    [Fact]
    public async Task The_feature_exposes_the_verified_bytes_without_a_copy_and_the_delivery_details()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, time: new FakeTimeProvider(TestApp.Now));
        var context = new DefaultHttpContext { RequestServices = app.Services };
        var bytes = Encoding.UTF8.GetBytes(Ping);
        using var request = Deliveries.Snyk(Ping);
        foreach (var header in request.Headers)
        {
            context.Request.Headers[header.Key] = header.Value.ToArray();
        }

        context.Request.Body = new MemoryStream(bytes);

        (await app.Services.GetRequiredService<WebhookDeliveryPipeline>().VerifyAsync(context, "snyk")).Should().BeTrue();

        var feature = context.GetWebhookVerification()!;
        feature.Body.ToArray().Should().Equal(bytes);
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(feature.Body, out var segment).Should().BeTrue("the body is the pooled buffer itself");
        segment.Count.Should().Be(bytes.Length);
        feature.RegistrationName.Should().Be("snyk");
        feature.Scheme.Name.Should().Be("snyk");
        feature.Result.MatchedKeyIndex.Should().Be(0);
        feature.Result.Timestamp.Should().BeNull();
        feature.EventName.Should().Be("project_snapshot/v0");
        feature.DeliveryId.Should().Be("transport-42");
        feature.Result.Identity.IsEmpty.Should().BeFalse("exactly-once handling asked for the identity");
    }

    [Fact]
    public async Task A_request_that_is_not_verified_has_no_feature()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Ping));

        (await app.Services.GetRequiredService<WebhookDeliveryPipeline>().VerifyAsync(context, "snyk")).Should().BeFalse();

        context.GetWebhookVerification().Should().BeNull();
        context.Response.StatusCode.Should().Be(401);
    }

    [Fact]
    public async Task A_lower_server_wide_body_limit_is_raised_to_the_registration_limit()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var context = new DefaultHttpContext { RequestServices = app.Services };
        var limit = new ServerBodyLimit { MaxRequestBodySize = 1000 };
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>(limit);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Ping));

        await app.Services.GetRequiredService<WebhookDeliveryPipeline>().VerifyAsync(context, "github");

        limit.MaxRequestBodySize.Should().Be(WebhookRegistrationOptions.DefaultMaxBodySize);
    }

    private sealed class ServerBodyLimit : Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; }
    }

    private sealed class UnreadableStream : Stream
    {
        public int Reads { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return 0;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return ValueTask.FromResult(0);
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

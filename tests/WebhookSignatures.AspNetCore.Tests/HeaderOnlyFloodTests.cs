using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Connections that send only headers, declaring large bodies they never send: buffers grow with bytes that arrived,
/// never with what a header declares, so they cost little and a real delivery still gets through.
/// </summary>
public sealed class HeaderOnlyFloodTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Connections = 100;
    private const long Declared = 4 * 1024 * 1024;

    [Fact]
    public async Task A_hundred_header_only_connections_declaring_4_MiB_hold_under_64_MiB_and_a_real_delivery_is_accepted()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, kestrel: true, register: w => w.AddSnyk("snyk", o =>
        {
            o.Secrets.Add(Secrets.Snyk);
            o.MaxBodySize = Declared;
        }));
        var pool = new CountingArrayPool();
        app.Services.GetRequiredService<WebhookDeliveryPipeline>().BodyPool = pool;
        var head = RawConnection.Head("POST", "/hooks/snyk", "Content-Type: application/json", "Content-Length: " + Declared.ToString(CultureInfo.InvariantCulture), "X-Hub-Signature: sha256=00");

        var connections = new List<RawConnection>();
        try
        {
            for (var i = 0; i < Connections; i++)
            {
                var connection = await RawConnection.OpenAsync(app);
                await connection.SendAsync(head);
                connections.Add(connection);
            }

            // Every connection has reached the verifier once each has rented its first array.
            using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                while (pool.Rented < Connections)
                {
                    await Task.Delay(20, deadline.Token);
                }
            }

            var held = pool.OutstandingBytes;
            output.WriteLine($"{Connections} header-only connections hold {held} bytes of pooled buffers");
            using var delivery = await app.Client.SendAsync(Deliveries.Snyk("""{"webhookId":"during-the-flood"}"""));

            held.Should().BeLessThan(64L * 1024 * 1024, "{0} connections declared {1} bytes each and sent none", Connections, Declared);
            ((int)delivery.StatusCode).Should().Be(200);
            app.HandlerRuns.Should().Be(1);
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }
}

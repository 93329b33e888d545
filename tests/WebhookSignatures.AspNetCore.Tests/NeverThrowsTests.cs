using FsCheck.Xunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Ed25519;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Whatever a sender puts in the headers a scheme reads and in the body, the verifier refuses it with 401 and never
/// throws, for every scheme of the catalog, each registered with a secret of its own format.
/// </summary>
public sealed class NeverThrowsTests : IDisposable
{
    private readonly ServiceProvider _services;

    public NeverThrowsTests()
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddWebhookSignatures();
        foreach (var scheme in WebhookSchemeCatalog.BuiltIn.WithEd25519().All)
        {
            var secret = scheme.GenerateSecret();
            builder.Add(scheme.Name, scheme.Name, o => o.Secrets.Add(secret));
        }

        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Property(MaxTest = 200)]
    public bool Random_headers_and_bodies_are_refused_without_an_exception_by_every_scheme(string? header, byte[]? body, bool twice)
    {
        var verifier = _services.GetRequiredService<WebhookDeliveryPipeline>();
        foreach (var scheme in WebhookSchemeCatalog.BuiltIn.WithEd25519().All)
        {
            var context = new DefaultHttpContext { RequestServices = _services };
            if (header is not null)
            {
                foreach (var name in scheme.HeaderNames)
                {
                    context.Request.Headers[name] = twice ? new[] { header, header } : new[] { header };
                }
            }

            context.Request.Body = new MemoryStream(body ?? []);
            if (verifier.VerifyAsync(context, scheme.Name).GetAwaiter().GetResult() || context.Response.StatusCode != 401)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public async Task Every_scheme_of_the_catalog_is_registered()
    {
        var verifier = _services.GetRequiredService<WebhookDeliveryPipeline>();
        foreach (var scheme in WebhookSchemeCatalog.BuiltIn.WithEd25519().All)
        {
            var context = new DefaultHttpContext { RequestServices = _services };
            context.Request.Body = new MemoryStream("{}"u8.ToArray());

            (await verifier.VerifyAsync(context, scheme.Name)).Should().BeFalse();
            context.Response.StatusCode.Should().Be(401, $"{scheme.Name} refuses an unsigned request as unverified, not as unknown");
            context.GetWebhookOutcome()!.Outcome.Should().Be(WebhookOutcome.Unverified, scheme.Name);
        }
    }
}

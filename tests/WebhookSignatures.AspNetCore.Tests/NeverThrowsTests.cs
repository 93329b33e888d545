using FsCheck.Xunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

public sealed class NeverThrowsTests : IAsyncLifetime
{
    private TestApp? _app;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(Shape.Convention);

    public async Task DisposeAsync() => await _app!.DisposeAsync();

    [Property(MaxTest = 300)]
    public bool Random_signature_headers_and_bodies_are_refused_without_an_exception(string? header, byte[]? body, bool twice)
    {
        var services = _app!.Services;
        var verifier = services.GetRequiredService<WebhookRequestVerifier>();
        var results = new List<int>();
        foreach (var (registration, name) in new[] { ("infisical", "x-infisical-signature"), ("snyk", "X-Hub-Signature"), ("github", "X-Hub-Signature-256") })
        {
            var context = new DefaultHttpContext { RequestServices = services };
            if (header is not null)
            {
                context.Request.Headers[name] = twice ? new[] { header, header } : new[] { header };
            }

            context.Request.Body = new MemoryStream(body ?? []);
            var passed = verifier.VerifyAsync(context, registration).GetAwaiter().GetResult();
            results.Add(passed ? 200 : context.Response.StatusCode);
        }

        return results.All(status => status == 401);
    }
}

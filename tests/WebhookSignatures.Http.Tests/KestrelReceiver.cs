using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Http.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, over HTTP or HTTPS (a certificate made for the test), that
/// verifies GitHub signatures on <c>POST /hooks</c> (204 when valid, 401 otherwise) and counts every TCP connection.
/// </summary>
internal sealed class KestrelReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2? _certificate;
    private readonly KeyRing _keys;
    private int _connections;

    private KestrelReceiver(WebApplication app, X509Certificate2? certificate, string secret)
    {
        _app = app;
        _certificate = certificate;
        _keys = KeyRing.FromSecrets(secret);
    }

    /// <summary>The receiver's URL, with 127.0.0.1 as its host.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The same URL with <c>localhost</c> as its host, a name that resolves to loopback.</summary>
    public Uri LocalhostUrl => new UriBuilder(Url) { Host = "localhost" }.Uri;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every delivery that arrived, and whether its signature verified.</summary>
    public ConcurrentQueue<bool> Verified { get; } = new();

    public static async Task<KestrelReceiver> StartAsync(string secret, bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = https ? CreateCertificate() : null;
        KestrelReceiver? receiver = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Use(next => connection =>
            {
                Interlocked.Increment(ref receiver!._connections);
                return next(connection);
            });
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));

        var app = builder.Build();
        receiver = new KestrelReceiver(app, certificate, secret);
        var ring = receiver._keys;
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = new WebhookHeaders();
            foreach (var (name, values) in context.Request.Headers)
            {
                headers.Add(name, values.ToString());
            }

            var valid = GitHubSignature.Default.Verify(new WebhookDelivery(headers, body.ToArray()), ring).IsValid;
            receiver.Verified.Enqueue(valid);
            return valid ? Results.NoContent() : Results.Unauthorized();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    /// <summary>A handler that trusts this receiver's certificate, and no other.</summary>
    public SocketsHttpHandler CreateTrustingHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && _certificate is not null && presented.GetCertHashString() == _certificate.Thumbprint,
        },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate?.Dispose();
        _keys.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}

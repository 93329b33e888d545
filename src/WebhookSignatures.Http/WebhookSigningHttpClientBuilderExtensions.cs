using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Http;

/// <summary>Registers webhook signing on an <see cref="IHttpClientBuilder"/> from <c>AddHttpClient</c>.</summary>
public static class WebhookSigningHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="WebhookSigningHandler"/> to the client, configured as named options (the client's name).
    /// The handler reads the options for every request, so a configuration reload rotates the secret at once.
    /// </summary>
    /// <remarks>
    /// <para>The client connects only to public addresses: its primary handler is a <see cref="SocketsHttpHandler"/>
    /// with the guard against internal addresses (<see cref="WebhookSenderOptions.AddressGuard"/>, read for every
    /// connection) and no proxy from the environment. A <see cref="SocketsHttpHandler"/> set by
    /// <c>ConfigurePrimaryHttpMessageHandler</c>, before or after this call, gets the same guard; an
    /// <see cref="HttpClientHandler"/>, which cannot be guarded, makes creating the client fail with an
    /// <see cref="InvalidOperationException"/>. A primary handler of another type connects by its own means.</para>
    /// <para>The client does not follow redirects: a 3xx answer is returned as the receiver's answer, so the signed body
    /// and signature never reach the redirect's target. Automatic redirects are turned off on the primary handler; one
    /// of another type that follows a redirect anyway makes the request fail with an <see cref="HttpRequestException"/>.</para>
    /// <para>The client makes one attempt per request. For retries use
    /// <see cref="WebhookDeliveryHttpClientBuilderExtensions.AddWebhookDelivery"/> instead, which puts them outside this
    /// handler so that each attempt is signed anew; a resilience handler added after this call would sit inside it and
    /// resend the identical bytes.</para>
    /// </remarks>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Sets the scheme, the key ring and the delivery settings.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <example>
    /// <code>
    /// services.AddHttpClient("webhooks")
    ///     .AddWebhookSigning(o =&gt; { o.Scheme = GitHubSignature.Default; o.Keys = KeyRing.FromSecrets(secret); });
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddWebhookSigning(this IHttpClientBuilder builder, Action<WebhookSenderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var name = builder.Name;
        builder.Services.AddOptions<WebhookSenderOptions>(name).Configure(configure);

        builder.Services.PostConfigure<HttpClientFactoryOptions>(name, factory =>
        {
            // After every ConfigurePrimaryHttpMessageHandler, whatever the call order: no redirects, and the guard on
            // whatever handler is primary (the factory's own default is a SocketsHttpHandler).
            factory.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                WebhookRedirectPolicy.DisableAutoRedirect(handlers.PrimaryHandler);
                var monitor = handlers.Services.GetRequiredService<IOptionsMonitor<WebhookSenderOptions>>();
                GuardedTransport.Apply(handlers.PrimaryHandler, () => monitor.Get(name));
            });
        });
        return builder.AddHttpMessageHandler(services =>
        {
            var monitor = services.GetRequiredService<IOptionsMonitor<WebhookSenderOptions>>();
            return new WebhookSigningHandler(() => monitor.Get(name));
        });
    }

    /// <summary>Adds a <see cref="WebhookSigningHandler"/> that signs with <paramref name="scheme"/> and one secret.</summary>
    /// <remarks>The client does not follow redirects, as described for the other overload.</remarks>
    /// <param name="builder">The client builder.</param>
    /// <param name="scheme">The scheme, such as <c>GitHubSignature.Default</c>.</param>
    /// <param name="secret">The secret, in the scheme's format.</param>
    /// <param name="allowHttpToLoopback">Development mode: allows loopback receivers, over plain HTTP too (see <see cref="WebhookSenderOptions.AllowHttpToLoopback"/>).</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddWebhookSigning(this IHttpClientBuilder builder, WebhookScheme scheme, string secret, bool allowHttpToLoopback = false)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var keys = scheme.CreateKeyRing([secret]);
        return builder.AddWebhookSigning(options =>
        {
            options.Scheme = scheme;
            options.Keys = keys;
            options.AllowHttpToLoopback = allowHttpToLoopback;
        });
    }
}

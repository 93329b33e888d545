using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Http;

/// <summary>Registers a webhook client that signs, guards and retries on an <see cref="IHttpClientBuilder"/>.</summary>
public static class WebhookDeliveryHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds retries and signing to the client, in the order that makes each attempt pass through the signing handler:
    /// the retry pipeline outside, the <see cref="WebhookSigningHandler"/> inside. Each attempt is signed anew (a fresh
    /// timestamp, the same delivery id) where the receiver identifies it as the same delivery, and otherwise resent
    /// byte for byte while it can still arrive inside the receiver's window, never later.
    /// </summary>
    /// <remarks>
    /// <para>Everything <see cref="WebhookSigningHttpClientBuilderExtensions.AddWebhookSigning(IHttpClientBuilder, Action{WebhookSenderOptions})"/>
    /// does holds: the guard against internal addresses, no redirects, options read for every attempt (a rotated key
    /// signs the next one). Which answers are retried, and what a restart loses, is on <see cref="WebhookRetryOptions"/>.</para>
    /// <para>The retry pipeline has no hedging and no total timeout of its own (a standard handler's 30 seconds would cut
    /// the schedule short); each attempt is bounded by <see cref="WebhookSenderOptions.Timeout"/>, the waits by the
    /// schedule, and <see cref="HttpClient.Timeout"/> is set to the longest the whole can take. Add no other resilience
    /// handler to this client: one after this call would sit inside the signing handler and resend identical bytes.</para>
    /// <para>The waits are measured on the scheme's <see cref="WebhookScheme.TimeProvider"/>, like its timestamps.</para>
    /// </remarks>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Sets the scheme, the key ring and the delivery settings, as for <c>AddWebhookSigning</c>.</param>
    /// <param name="configureRetries">Sets the schedule; <see cref="WebhookRetrySchedule.Default"/> when <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <example>
    /// <code>
    /// services.AddHttpClient("webhooks").AddWebhookDelivery(
    ///     o =&gt; { o.Scheme = StandardWebhooksSignature.Default; o.Keys = StandardWebhooksSignature.Default.CreateKeyRing([secret]); },
    ///     retries =&gt; retries.Schedule = WebhookRetrySchedule.StandardWebhooks);
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddWebhookDelivery(
        this IHttpClientBuilder builder, Action<WebhookSenderOptions> configure, Action<WebhookRetryOptions>? configureRetries = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var name = builder.Name;
        var retries = builder.Services.AddOptions<WebhookRetryOptions>(name);
        if (configureRetries is not null)
        {
            retries.Configure(configureRetries);
        }

        // First the retries, then the signing handler: handlers added earlier sit outside those added later.
        builder.AddResilienceHandler("webhook-delivery", (pipeline, context) =>
        {
            var sending = context.ServiceProvider.GetRequiredService<IOptionsMonitor<WebhookSenderOptions>>().Get(name);
            var retrying = context.ServiceProvider.GetRequiredService<IOptionsMonitor<WebhookRetryOptions>>().Get(name);
            WebhookRetryPolicy.AddTo(pipeline, retrying, sending.Scheme?.TimeProvider ?? TimeProvider.System);
        });
        builder.AddWebhookSigning(configure);
        return builder.ConfigureHttpClient((services, client) =>
        {
            var sending = services.GetRequiredService<IOptionsMonitor<WebhookSenderOptions>>().Get(name);
            var retrying = services.GetRequiredService<IOptionsMonitor<WebhookRetryOptions>>().Get(name);
            client.Timeout = WebhookRetryPolicy.MaxDuration(retrying, sending.Timeout);
        });
    }
}

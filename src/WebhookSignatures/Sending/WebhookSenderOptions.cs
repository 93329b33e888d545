namespace WebhookSignatures.Sending;

/// <summary>How a <see cref="WebhookSigningHandler"/> signs and delivers outgoing webhooks.</summary>
public sealed class WebhookSenderOptions
{
    /// <summary>The default time one delivery may take, from sending the request to reading the response headers: 15 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The scheme that signs each request, such as <c>InfisicalSignature.Default</c> or <c>SnykSignature.Default</c>.</summary>
    public WebhookScheme? Scheme { get; set; }

    /// <summary>
    /// The secrets; the first (current) one signs. Replace the ring to rotate: the handler reads it for every request.
    /// </summary>
    public KeyRing? Keys { get; set; }

    /// <summary>
    /// Development mode, for a receiver on this machine: the guard against internal addresses lets loopback addresses
    /// (<c>127.0.0.0/8</c>, <c>::1</c>) through, over <c>https://</c> and plain <c>http://</c> alike, and plain
    /// <c>http://</c> is allowed to loopback targets (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>). Every other
    /// target must be <c>https://</c>, and every other internal address stays refused. Default <see langword="false"/>.
    /// </summary>
    public bool AllowHttpToLoopback { get; set; }

    /// <summary>
    /// The guard against internal addresses, on for every delivery: the internal networks that are known receivers,
    /// and the proxy to send through, if any. See <see cref="WebhookAddressGuardOptions"/>.
    /// </summary>
    public WebhookAddressGuardOptions AddressGuard { get; } = new();

    /// <summary>
    /// How long one delivery may take before it is cancelled with a <see cref="TimeoutException"/>; measured on the
    /// scheme's <see cref="WebhookScheme.TimeProvider"/>. Default <see cref="DefaultTimeout"/>;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;
}

namespace WebhookSignatures;

/// <summary>
/// A way of signing webhooks: which headers carry the signature, what the sender signs, and how a receiver verifies it.
/// The ASP.NET Core middleware and the <c>webhooksig</c> tool work with any scheme through this type.
/// </summary>
/// <remarks>
/// <para>A receiver calls <see cref="Verify(in WebhookDelivery, KeyRing, WebhookReadParts)"/> once per delivery and gets
/// one value: the result, and whatever else it asked for (the identity, the description, a handshake's answer). A sender
/// calls <see cref="Sign"/>.</para>
/// <para>A new scheme implements <see cref="VerifyCore"/> with the building blocks of
/// <see cref="WebhookVerificationContext"/> (read the headers, decode the MAC, match it over what the sender signs, check
/// the signed timestamp) and <see cref="SignCore"/>. Implementations never throw on what a sender controls.</para>
/// </remarks>
public abstract class WebhookScheme
{
    /// <summary>The most bytes <see cref="WriteTimestampPrefix"/> writes: a 64-bit integer and a dot.</summary>
    protected const int MaxTimestampPrefixLength = 21;

    /// <summary>Initialises a scheme.</summary>
    /// <param name="name">The scheme's short name, such as <c>infisical</c>.</param>
    /// <param name="options">Tolerance, clock and Ed25519 primitive; the scheme's defaults when <see langword="null"/>.</param>
    /// <param name="defaultTolerance">
    /// The replay window the sender asks for, used when <paramref name="options"/> sets none: five minutes when
    /// <see langword="null"/>. The one place a sender's window is written.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A tolerance is zero or negative.</exception>
    protected WebhookScheme(string name, WebhookSchemeOptions? options, TimeSpan? defaultTolerance = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        options ??= WebhookSchemeOptions.Defaults;
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        var tolerance = options.Tolerance ?? defaultTolerance ?? WebhookSchemeOptions.DefaultTolerance;
        if (tolerance <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The tolerance must be greater than zero.");
        }

        Name = name;
        Tolerance = tolerance;
        TimeProvider = options.TimeProvider;
        Ed25519Primitive = options.Ed25519;
    }

    /// <summary>The scheme's short name, such as <c>infisical</c> or <c>snyk</c>.</summary>
    public string Name { get; }

    /// <summary>The replay window on either side of <see cref="TimeProvider"/>'s clock (timestamped schemes).</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>The clock for the replay window and for signing.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The headers this scheme reads when verifying and writes when signing.</summary>
    public abstract IReadOnlyList<string> HeaderNames { get; }

    /// <summary>Whether the signature covers a timestamp that the replay window can check.</summary>
    public abstract bool SignsTimestamp { get; }

    /// <summary>
    /// Whether the signature covers the request line (the method and the URL the sender called), so verifying needs
    /// <see cref="WebhookDelivery.Target"/> and signing <see cref="WebhookSigningParameters.Target"/>. False unless a scheme says otherwise.
    /// </summary>
    public virtual bool SignsRequestTarget => false;

    /// <summary>The Ed25519 primitive for asymmetric signatures, from <see cref="WebhookSchemeOptions.Ed25519"/>.</summary>
    internal Cryptography.IEd25519? Ed25519Primitive { get; }

    /// <summary>
    /// Reads a delivery once: verifies it against <paramref name="keys"/> and, for a delivery that verifies, reads the
    /// <paramref name="parts"/> asked for. Never throws on what a sender controls: a problem is a result with a reason.
    /// </summary>
    /// <param name="delivery">The headers, the raw body and, for schemes that sign it, the request line.</param>
    /// <param name="keys">The accepted keys, current first.</param>
    /// <param name="parts">What to read besides the result; <see cref="WebhookReadParts.None"/> keeps verifying allocation-free.</param>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null, or the delivery has no headers.</exception>
    public WebhookVerificationResult Verify(in WebhookDelivery delivery, KeyRing keys, WebhookReadParts parts = WebhookReadParts.None)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(delivery.Headers, nameof(delivery));
        var context = new WebhookVerificationContext(this, delivery, keys, parts);
        if (keys.IsEmpty)
        {
            context.Fail(WebhookFailureReason.NoSecrets);
        }
        else if (SignsRequestTarget && delivery.Target.IsNone)
        {
            context.Fail(WebhookFailureReason.MissingRequestUrl);
        }
        else
        {
            VerifyCore(ref context);
        }

        return context.ToResult();
    }

    /// <summary>
    /// Signs a body with the ring's current (first) key and returns the exact bytes and headers to send.
    /// </summary>
    /// <param name="body">The body to send. Some schemes add to it (Infisical appends the timestamp).</param>
    /// <param name="keys">The keys; the first one signs.</param>
    /// <param name="parameters">The request line, time and delivery id to sign; now and a generated id by default.</param>
    /// <exception cref="ArgumentException">
    /// The ring cannot sign for this scheme, the body cannot be signed by it, or it signs the request line and
    /// <see cref="WebhookSigningParameters.Target"/> is <see cref="WebhookRequestTarget.None"/>.
    /// </exception>
    public SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, WebhookSigningParameters parameters = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.IsEmpty)
        {
            throw new ArgumentException("The key ring is empty: there is no key to sign with.", nameof(keys));
        }

        if (SignsRequestTarget && parameters.Target.IsNone)
        {
            throw new ArgumentException($"The '{Name}' scheme signs the request URL: give the target the delivery is sent to.", nameof(parameters));
        }

        return SignCore(body, keys, parameters with { Timestamp = parameters.Timestamp ?? TimeProvider.GetUtcNow() });
    }

    /// <summary>
    /// Turns configured secret strings into a key ring. The default uses each secret's UTF-8 bytes; schemes with encoded
    /// secrets or public keys override it.
    /// </summary>
    /// <param name="secrets">Current secret first, older ones after.</param>
    /// <exception cref="ArgumentException">A secret is empty or not in the scheme's format.</exception>
    public virtual KeyRing CreateKeyRing(IEnumerable<string> secrets) => KeyRing.FromSecrets(secrets);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>
    /// What only the scheme knows about verifying: read its headers, decode the received MACs, match them over what the
    /// sender signs, record the signed timestamp, and, when asked, the delivery's signed id, its description and a
    /// handshake's answer. Called with a non-empty ring and, for a scheme that signs it, a request line.
    /// </summary>
    /// <param name="context">The delivery, the keys and the building blocks.</param>
    protected abstract void VerifyCore(ref WebhookVerificationContext context);

    /// <summary>
    /// What only the scheme knows about signing. Called with a non-empty ring, a <see cref="WebhookSigningParameters.Timestamp"/>
    /// always set and, for a scheme that signs it, a request line.
    /// </summary>
    /// <param name="body">The body to send.</param>
    /// <param name="keys">The keys; the first one signs.</param>
    /// <param name="parameters">The request line, time and delivery id to sign.</param>
    protected abstract SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters);

    /// <summary>
    /// Writes <c>&lt;timestamp&gt;.</c> in ASCII, what Stripe-style schemes sign before the body, and returns its length.
    /// </summary>
    /// <param name="timestamp">The timestamp as the sender writes it, in its unit.</param>
    /// <param name="destination">At least <see cref="MaxTimestampPrefixLength"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    protected static int WriteTimestampPrefix(long timestamp, Span<byte> destination)
    {
        if (!timestamp.TryFormat(destination, out var written, default, System.Globalization.CultureInfo.InvariantCulture) || written >= destination.Length)
        {
            throw new ArgumentException($"The destination needs up to {MaxTimestampPrefixLength} bytes.", nameof(destination));
        }

        destination[written] = (byte)'.';
        return written + 1;
    }

    /// <summary>The secret that signs: the ring's first key, which must be a secret.</summary>
    /// <param name="keys">The ring.</param>
    /// <exception cref="ArgumentException">The first key is not a secret.</exception>
    protected static ReadOnlySpan<byte> SigningSecret(KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.IsEmpty || keys.GetKind(0) != WebhookKeyKind.Secret)
        {
            throw new ArgumentException(
                $"The key ring's first key is {(keys.IsEmpty ? "missing" : "an " + keys.GetKind(0))}, not a secret: it cannot sign an HMAC.", nameof(keys));
        }

        return keys.GetKey(0);
    }
}

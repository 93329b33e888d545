using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>
/// One row of a <see cref="WebhookSchemeCatalog"/>: a scheme's name, what it looks like on the wire, and how to create it
/// with a clock and a tolerance. Built-in senders have theirs; a scheme of your own gets one to join a catalog, so the
/// ASP.NET Core registrations and the tool find it by name.
/// </summary>
public sealed class WebhookSchemeDescriptor
{
    private readonly Func<WebhookSchemeOptions, WebhookScheme> _create;
    private readonly IEd25519? _ed25519;

    /// <summary>Describes a scheme.</summary>
    /// <param name="create">Creates the scheme with the given options; called once here with the defaults.</param>
    /// <param name="displayName">The sender's name for people, such as <c>GitHub</c>.</param>
    /// <param name="description">One line on what the sender sends and what its MAC covers.</param>
    /// <exception cref="ArgumentException">A name or the description is empty.</exception>
    public WebhookSchemeDescriptor(Func<WebhookSchemeOptions, WebhookScheme> create, string displayName, string description)
        : this(create, displayName, description, null)
    {
    }

    private WebhookSchemeDescriptor(Func<WebhookSchemeOptions, WebhookScheme> create, string displayName, string description, IEd25519? ed25519)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        ArgumentException.ThrowIfNullOrEmpty(description);
        _create = create;
        _ed25519 = ed25519;
        DisplayName = displayName;
        Description = description;
        Default = CreateScheme(null);
    }

    /// <summary>The scheme's name in the tool and in registrations, such as <c>github</c>.</summary>
    public string Name => Default.Name;

    /// <summary>The sender's name for people, such as <c>GitHub</c>.</summary>
    public string DisplayName { get; }

    /// <summary>One line on what the sender sends and what its MAC covers.</summary>
    public string Description { get; }

    /// <summary>The headers the scheme reads when verifying and writes when signing.</summary>
    public IReadOnlyList<string> HeaderNames => Default.HeaderNames;

    /// <summary>Whether the signature covers a timestamp that the replay window checks.</summary>
    public bool SignsTimestamp => Default.SignsTimestamp;

    /// <summary>Whether the signature covers the request line, so verifying and signing need the URL.</summary>
    public bool SignsRequestTarget => Default.SignsRequestTarget;

    /// <summary>The replay window the sender asks receivers to apply: five minutes for most, ten for Twitch, one for Linear.</summary>
    public TimeSpan DefaultTolerance => Default.Tolerance;

    /// <summary>The unit the sender writes its signed timestamp in; <see langword="null"/> when it signs none.</summary>
    public WebhookTimestampUnit? TimestampUnit { get; init; }

    /// <summary>Whether the scheme signs as well as verifies; a legacy scheme kept for old senders only verifies. Default true.</summary>
    public bool CanSign { get; init; } = true;

    /// <summary>Generates a new key in the scheme's form; a random 32-byte secret in base64 unless set.</summary>
    public Func<string> SecretGenerator { get; init; } = KeyRing.GenerateSecret;

    /// <summary>
    /// Says what is wrong with a configured key that cannot be right for this sender (a Stripe secret without
    /// <c>whsec_</c>, a Discord key that is not hex), and how to fix it; <see langword="null"/> for a key that may be
    /// right. The answer never quotes the key. Unset for a sender whose keys have no checkable form.
    /// </summary>
    public Func<string, string?>? SecretCheck { get; init; }

    /// <summary>
    /// How long a handled delivery should be remembered so that the sender's retries and manual redeliveries are
    /// recognised: GitHub's and Stripe's three days, for instance. <see langword="null"/> when the sender documents no
    /// window longer than the receiver's default of one day.
    /// </summary>
    public TimeSpan? DefaultTimeToLive { get; init; }

    /// <summary>The scheme with default settings: the sender's window, the system clock and the catalog's Ed25519 primitive.</summary>
    public WebhookScheme Default { get; }

    /// <summary>Creates the scheme with a clock and a tolerance; the catalog's Ed25519 primitive unless the options name one.</summary>
    /// <param name="options">Tolerance and clock; <see langword="null"/> returns <see cref="Default"/>.</param>
    /// <exception cref="ArgumentException">The options are out of range (see <see cref="WebhookSchemeOptions"/>).</exception>
    public WebhookScheme Create(WebhookSchemeOptions? options = null) => options is null ? Default : CreateScheme(options);

    private WebhookScheme CreateScheme(WebhookSchemeOptions? options)
    {
        options ??= WebhookSchemeOptions.Defaults;
        if (options.Ed25519 is null && _ed25519 is not null)
        {
            options = new WebhookSchemeOptions { Tolerance = options.Tolerance, TimeProvider = options.TimeProvider, Ed25519 = _ed25519 };
        }

        return _create(options);
    }

    /// <summary>
    /// Makes a new asymmetric key pair in the scheme's form (Standard Webhooks' <c>whsk_</c>/<c>whpk_</c>, Discord's hex
    /// keys); <see langword="null"/> for a scheme that signs with shared secrets only.
    /// </summary>
    public Func<WebhookKeyPair>? KeyPairGenerator { get; init; }

    /// <summary>Whether the scheme signs with asymmetric key pairs that <see cref="GenerateKeyPair"/> makes.</summary>
    public bool CanGenerateKeyPair => KeyPairGenerator is not null;

    /// <summary>Generates a new key in the scheme's form, such as <c>whsec_</c> and base64 for Standard Webhooks.</summary>
    public string GenerateSecret() => SecretGenerator();

    /// <summary>
    /// What is wrong with <paramref name="secret"/> for this sender and how to fix it, or <see langword="null"/> when it may
    /// be right (see <see cref="SecretCheck"/>). Never quotes the secret.
    /// </summary>
    /// <param name="secret">A configured key.</param>
    public string? CheckSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return SecretCheck?.Invoke(secret);
    }

    /// <summary>Generates a new key pair in the scheme's form, such as <c>whsk_</c> and <c>whpk_</c> for Standard Webhooks.</summary>
    /// <exception cref="NotSupportedException">The scheme has no key pairs (<see cref="CanGenerateKeyPair"/> is <see langword="false"/>).</exception>
    public WebhookKeyPair GenerateKeyPair() => KeyPairGenerator?.Invoke()
        ?? throw new NotSupportedException($"The {Name} scheme signs with shared secrets; it has no key pairs.");

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>This row creating its schemes with <paramref name="ed25519"/>.</summary>
    internal WebhookSchemeDescriptor WithEd25519(IEd25519 ed25519) =>
        new(_create, DisplayName, Description, ed25519)
        {
            TimestampUnit = TimestampUnit,
            CanSign = CanSign,
            SecretGenerator = SecretGenerator,
            SecretCheck = SecretCheck,
            DefaultTimeToLive = DefaultTimeToLive,
            KeyPairGenerator = KeyPairGenerator,
        };

    /// <summary>This row making key pairs with <paramref name="generator"/>.</summary>
    internal WebhookSchemeDescriptor WithKeyPairs(Func<WebhookKeyPair> generator) =>
        new(_create, DisplayName, Description, _ed25519)
        {
            TimestampUnit = TimestampUnit,
            CanSign = CanSign,
            SecretGenerator = SecretGenerator,
            SecretCheck = SecretCheck,
            DefaultTimeToLive = DefaultTimeToLive,
            KeyPairGenerator = generator,
        };
}

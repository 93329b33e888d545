namespace WebhookSignatures;

/// <summary>
/// One row of the <see cref="WebhookSchemeCatalog"/>: a built-in scheme's name, what it looks like on the wire and how
/// to create it with a clock and a tolerance.
/// </summary>
public sealed class WebhookSchemeDescriptor
{
    private readonly Func<WebhookSchemeOptions, WebhookScheme> _create;
    private readonly Func<string> _generateSecret;
    private readonly Func<WebhookKeyPair>? _generateKeyPair;

    internal WebhookSchemeDescriptor(
        WebhookScheme defaultScheme,
        Func<WebhookSchemeOptions, WebhookScheme> create,
        string displayName,
        string description,
        WebhookTimestampUnit? timestampUnit,
        bool canSign = true,
        Func<string>? generateSecret = null,
        TimeSpan? defaultTolerance = null,
        Func<WebhookKeyPair>? generateKeyPair = null)
    {
        Default = defaultScheme;
        _create = create;
        DisplayName = displayName;
        Description = description;
        TimestampUnit = timestampUnit;
        CanSign = canSign;
        _generateSecret = generateSecret ?? KeyRing.GenerateSecret;
        _generateKeyPair = generateKeyPair;
        DefaultTolerance = defaultTolerance ?? WebhookSchemeOptions.DefaultTolerance;
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

    /// <summary>The unit the sender writes its signed timestamp in; <see langword="null"/> when it signs none.</summary>
    public WebhookTimestampUnit? TimestampUnit { get; }

    /// <summary>
    /// The replay window the sender asks receivers to apply: five minutes for most, ten for Twitch. The tool and the
    /// ASP.NET Core registrations use it when no tolerance is configured.
    /// </summary>
    public TimeSpan DefaultTolerance { get; }

    /// <summary>Whether the scheme signs as well as verifies; a legacy scheme kept for old senders only verifies.</summary>
    public bool CanSign { get; }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public WebhookScheme Default { get; }

    /// <summary>Creates the scheme with a clock and a tolerance.</summary>
    /// <param name="options">Tolerance and clock; <see cref="Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are out of range (see <see cref="WebhookSchemeOptions"/>).</exception>
    public WebhookScheme Create(WebhookSchemeOptions? options = null) => options is null ? Default : _create(options);

    /// <summary>Generates a new secret in the scheme's format, such as <c>whsec_</c> and base64 for Standard Webhooks.</summary>
    public string GenerateSecret() => _generateSecret();

    /// <summary>
    /// Whether the scheme signs with asymmetric key pairs that <see cref="GenerateKeyPair"/> makes: Standard Webhooks
    /// (<c>v1a</c>) and Discord in <c>WebhookSignatures.Ed25519</c>'s catalog.
    /// </summary>
    public bool CanGenerateKeyPair => _generateKeyPair is not null;

    /// <summary>Generates a new key pair in the scheme's format, such as <c>whsk_</c> and <c>whpk_</c> for Standard Webhooks.</summary>
    /// <exception cref="NotSupportedException">The scheme has no key pairs (<see cref="CanGenerateKeyPair"/> is <see langword="false"/>).</exception>
    public WebhookKeyPair GenerateKeyPair() => _generateKeyPair?.Invoke()
        ?? throw new NotSupportedException($"The {Name} scheme signs with shared secrets; it has no key pairs.");

    /// <inheritdoc />
    public override string ToString() => Name;
}

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// What one <c>run:</c> comment above a receiving example sends to it and what the page promises in return. The keys:
/// <list type="table">
/// <item><term><c>post=/path</c>, <c>get=/path</c></term><description>the request (one of them)</description></item>
/// <item><term><c>scheme=name</c></term><description>the scheme, by its catalog name, whose own <c>Sign</c> signs the delivery; without it the request is sent unsigned</description></item>
/// <item><term><c>secret=Config:Key</c></term><description>the configuration key the example reads its secret from: the test makes a secret in the scheme's form (the public half of an Ed25519 key pair where the scheme signs with one) and passes it as <c>--Config:Key=…</c></description></item>
/// <item><term><c>body='…'</c></term><description>the body, <c>{}</c> when not given: JSON when it starts with <c>{</c> or <c>[</c>, a form otherwise</description></item>
/// <item><term><c>header='Name: value'</c></term><description>a header to send, replacing a signed one of that name (repeatable)</description></item>
/// <item><term><c>signed-url=https://…</c></term><description>the URL the signature covers, for schemes that sign it, when the example pins a public URL; the request's own otherwise</description></item>
/// <item><term><c>signed=status</c></term><description>the answer to the signed delivery</description></item>
/// <item><term><c>answer='…'</c>, <c>answer=handshake</c></term><description>its exact body; <c>handshake</c> is the scheme's own answer to the handshake the body is</description></item>
/// <item><term><c>answer-type=media/type</c></term><description>its content type</description></item>
/// <item><term><c>tampered=status</c>, <c>tampered-answer='…'</c></term><description>the answer to the same delivery with one byte of its body changed (never echoing <c>answer</c>)</description></item>
/// <item><term><c>again=status</c>, <c>again=answered</c></term><description>the answer to the signed delivery sent a second time: a duplicate's empty acknowledgement, or the same answer again (a handshake)</description></item>
/// <item><term><c>status=code</c></term><description>the answer to an unsigned request</description></item>
/// <item><term><c>redis=Config:Key</c></term><description>the configuration key the example reads a Redis address from: the tests' own Redis goes there</description></item>
/// <item><term><c>postgres=Config:Key</c></term><description>the configuration key the example reads a PostgreSQL connection string from: a new database on the tests' own PostgreSQL goes there</description></item>
/// <item><term><c>config=Config:Key=value</c></term><description>any other configuration value the example reads, passed as <c>--Config:Key=value</c> (repeatable)</description></item>
/// </list>
/// </summary>
public sealed record ReceivingCheck
{
    /// <summary>The keys a receiving check may use.</summary>
    public static readonly IReadOnlyCollection<string> Keys =
    [
        "post", "get", "scheme", "secret", "body", "header", "signed-url", "signed", "answer", "answer-type",
        "tampered", "tampered-answer", "again", "status", "redis", "postgres", "config", "rename-header",
    ];

    /// <summary>The answer that stands for the scheme's own handshake answer.</summary>
    public const string HandshakeAnswer = "handshake";

    /// <summary>The value of <c>again=</c> for a handshake answered every time it is asked.</summary>
    public const string AnsweredAgain = "answered";

    /// <summary>The comment it was read from.</summary>
    public required RunAnnotation Annotation { get; init; }

    /// <summary><c>POST</c> or <c>GET</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The path and query requested.</summary>
    public required string Path { get; init; }

    /// <summary>The scheme's catalog name; <see langword="null"/> for an unsigned request.</summary>
    public string? Scheme { get; init; }

    /// <summary>Where the example reads the secret.</summary>
    public string? SecretKey { get; init; }

    /// <summary>The body to sign and send.</summary>
    public required string Body { get; init; }

    /// <summary>Headers sent beside (or instead of) the signed ones.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The URL the signature covers, when the example pins one.</summary>
    public Uri? SignedUrl { get; init; }

    /// <summary>The status of the signed delivery.</summary>
    public int? Signed { get; init; }

    /// <summary>Its exact body, or <see cref="HandshakeAnswer"/>.</summary>
    public string? Answer { get; init; }

    /// <summary>Its media type.</summary>
    public string? AnswerType { get; init; }

    /// <summary>The status of the tampered delivery.</summary>
    public int? Tampered { get; init; }

    /// <summary>Its exact body.</summary>
    public string? TamperedAnswer { get; init; }

    /// <summary>The status of a duplicate (its body empty), when <see cref="AgainAnswered"/> is false.</summary>
    public int? Again { get; init; }

    /// <summary>Whether the delivery sent again gets the first answer again.</summary>
    public bool AgainAnswered { get; init; }

    /// <summary>The status of an unsigned request.</summary>
    public int? Status { get; init; }

    /// <summary>Where the example reads a Redis address.</summary>
    public string? RedisKey { get; init; }

    /// <summary>Where the example reads a PostgreSQL connection string.</summary>
    public string? PostgresKey { get; init; }

    /// <summary>Other configuration values, as <c>Config:Key=value</c>.</summary>
    public required IReadOnlyList<string> Configuration { get; init; }

    /// <summary>
    /// <c>rename-header=Signed-Name:Sent-Name</c>: the delivery is signed by <see cref="Scheme"/> and its header is sent
    /// under another name, for an example whose own scheme signs like a catalog one under a header of its own.
    /// </summary>
    public (string From, string To)? RenamedHeader { get; init; }

    /// <summary>Reads a <c>run:</c> comment of a receiving example.</summary>
    /// <exception cref="FormatException">A key is unknown or missing, or the keys contradict each other.</exception>
    public static ReceivingCheck From(RunAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        annotation.RequireKnownKeys(Keys);
        var (method, path) = (annotation.One("post"), annotation.One("get")) switch
        {
            ({ } post, null) => ("POST", post),
            (null, { } get) => ("GET", get),
            _ => throw new FormatException($"'{annotation}': give one of post=/path or get=/path."),
        };

        if (!path.StartsWith('/'))
        {
            throw new FormatException($"'{annotation}': the path {path} must start with /.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in annotation.All("header"))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"'{annotation}': header='{header}' is not 'Name: value'.");
            }

            headers.Add(new(header[..colon].Trim(), header[(colon + 1)..].Trim()));
        }

        var again = annotation.One("again");
        var check = new ReceivingCheck
        {
            Annotation = annotation,
            Method = method,
            Path = path,
            Scheme = annotation.One("scheme"),
            SecretKey = annotation.One("secret"),
            Body = annotation.One("body") ?? "{}",
            Headers = headers,
            SignedUrl = annotation.One("signed-url") is { } url ? new Uri(url, UriKind.Absolute) : null,
            Signed = annotation.Status("signed"),
            Answer = annotation.One("answer"),
            AnswerType = annotation.One("answer-type"),
            Tampered = annotation.Status("tampered"),
            TamperedAnswer = annotation.One("tampered-answer"),
            Again = again == AnsweredAgain ? null : annotation.Status("again"),
            AgainAnswered = again == AnsweredAgain,
            Status = annotation.Status("status"),
            RedisKey = annotation.One("redis"),
            PostgresKey = annotation.One("postgres"),
            Configuration = annotation.All("config"),
            RenamedHeader = annotation.One("rename-header") is { } rename && rename.IndexOf(':', StringComparison.Ordinal) is > 0 and var at
                ? (rename[..at].Trim(), rename[(at + 1)..].Trim())
                : annotation.One("rename-header") is null ? null : throw new FormatException($"'{annotation}': rename-header= is 'Signed-Name:Sent-Name'."),
        };

        if (check.Configuration.FirstOrDefault(c => c.IndexOf('=', StringComparison.Ordinal) <= 0) is { } setting)
        {
            throw new FormatException($"'{annotation}': config={setting} is not Config:Key=value.");
        }

        if (check.Scheme is null)
        {
            if (check.Status is null || check.Signed is not null || check.Tampered is not null || again is not null || check.SecretKey is not null || check.SignedUrl is not null)
            {
                throw new FormatException($"'{annotation}': an unsigned request (no scheme=) takes status=, and no secret=, signed=, tampered=, again= or signed-url=.");
            }
        }
        else if (check.SecretKey is null || check.Signed is null || check.Tampered is null || check.Status is not null)
        {
            throw new FormatException($"'{annotation}': a signed delivery needs secret=, signed= and tampered=, and takes no status=.");
        }

        if (check.AgainAnswered && check.Answer is null)
        {
            throw new FormatException($"'{annotation}': again=answered repeats answer=; give it.");
        }

        return check;
    }

    /// <summary>The content type the body is sent with.</summary>
    public string ContentType => Body.StartsWith('{') || Body.StartsWith('[') ? "application/json" : "application/x-www-form-urlencoded";

    /// <inheritdoc />
    public override string ToString() => Annotation.ToString();
}

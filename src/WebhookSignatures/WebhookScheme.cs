using System.Buffers;
using System.Globalization;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>
/// A way of signing webhooks: which headers carry the signature, how a sender signs and how a receiver
/// verifies. Derive from <see cref="SingleHeaderWebhookScheme"/> to add a scheme whose signature is one header, or
/// from this type when it spans several; the ASP.NET Core middleware and the <c>webhooksig</c> tool work with any
/// scheme through this type.
/// </summary>
/// <remarks>
/// <para>Implementations never throw on what a sender controls (headers, body): every problem is a
/// <see cref="WebhookVerificationResult"/> with a <see cref="WebhookFailureReason"/>.</para>
/// <para>Every verification has the same shape, and the protected helpers carry all of it but the scheme's own
/// parsing: <see cref="BeginVerification(KeyRing, ref ReadOnlySpan{char})"/> (no secrets, no header), then the scheme reads its header
/// (<see cref="TryParseTimestamp"/>, <see cref="WebhookHmac.TryDecodeHex"/>) and writes what the sender signs
/// before the body (<see cref="WriteTimestampPrefix"/>), then <see cref="VerifyHmacSha256(KeyRing, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> matches every key
/// against every received MAC in constant time and <see cref="CheckTimestamp"/> applies the replay window to a
/// signed timestamp. The sequence and stream entry points are provided.</para>
/// </remarks>
public abstract class WebhookScheme
{
    /// <summary>The most bytes <see cref="WriteTimestampPrefix"/> writes: a 64-bit integer and a dot.</summary>
    protected const int MaxTimestampPrefixLength = 21;

    /// <summary>Initialises a scheme.</summary>
    /// <param name="name">The scheme's short name, such as <c>infisical</c>.</param>
    /// <param name="options">Tolerance and clock; defaults when <see langword="null"/>.</param>
    protected WebhookScheme(string name, WebhookSchemeOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        options ??= new WebhookSchemeOptions();
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.Tolerance <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The tolerance must be greater than zero.");
        }

        Name = name;
        Tolerance = options.Tolerance;
        TimeProvider = options.TimeProvider;
        Ed25519 = options.Ed25519;
    }

    /// <summary>The scheme's short name, such as <c>infisical</c> or <c>snyk</c>.</summary>
    public string Name { get; }

    /// <summary>The replay window on either side of <see cref="TimeProvider"/>'s clock (timestamped schemes).</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>The clock for the replay window and for signing.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// The Ed25519 primitive for asymmetric signatures (Standard Webhooks <c>v1a</c>, Discord), from
    /// <see cref="WebhookSchemeOptions.Ed25519"/>; <see langword="null"/> when none was given.
    /// </summary>
    protected IEd25519? Ed25519 { get; }

    /// <summary>The headers this scheme reads when verifying and writes when signing.</summary>
    public abstract IReadOnlyList<string> HeaderNames { get; }

    /// <summary>Whether the signature covers a timestamp that the replay window can check.</summary>
    public abstract bool SignsTimestamp { get; }

    /// <summary>
    /// Whether the signature covers the request line (the method and the URL the sender called), so verifying needs a
    /// <see cref="WebhookRequestTarget"/>. False unless a scheme says otherwise.
    /// </summary>
    public virtual bool SignsRequestTarget => false;

    /// <summary>Verifies a delivery: its headers and the exact body bytes received.</summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    public abstract WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys);

    /// <summary>
    /// Verifies a delivery that arrived on <paramref name="target"/>: its request line, headers and exact body bytes.
    /// Schemes that do not sign the request line ignore <paramref name="target"/>; those that do
    /// (<see cref="SignsRequestTarget"/>) refuse <see cref="WebhookRequestTarget.None"/> with
    /// <see cref="WebhookFailureReason.MissingRequestUrl"/>. Receivers that know the request line always pass it.
    /// </summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    /// <param name="target">The method and the URL the sender called.</param>
    public virtual WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys, WebhookRequestTarget target) =>
        Verify(headers, body, keys);

    /// <summary>Verifies a delivery whose body is held in several buffers.</summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    public virtual WebhookVerificationResult Verify(IWebhookHeaders headers, in ReadOnlySequence<byte> body, KeyRing keys) =>
        Verify(headers, body, keys, WebhookRequestTarget.None);

    /// <summary>Verifies a delivery whose body is held in several buffers and that arrived on <paramref name="target"/>.</summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    /// <param name="target">The method and the URL the sender called.</param>
    public WebhookVerificationResult Verify(IWebhookHeaders headers, in ReadOnlySequence<byte> body, KeyRing keys, WebhookRequestTarget target)
    {
        if (body.IsSingleSegment)
        {
            return Verify(headers, body.FirstSpan, keys, target);
        }

        var length = checked((int)body.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return Verify(headers, rented.AsSpan(0, length), keys, target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads <paramref name="body"/> to its end into a pooled buffer and verifies it. Bound the stream's
    /// length yourself (the ASP.NET Core package does) before handing it an untrusted body.
    /// </summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body stream.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public ValueTask<WebhookVerificationResult> VerifyAsync(IWebhookHeaders headers, Stream body, KeyRing keys, CancellationToken cancellationToken = default) =>
        VerifyAsync(headers, body, keys, WebhookRequestTarget.None, cancellationToken);

    /// <summary>
    /// Reads <paramref name="body"/> to its end into a pooled buffer and verifies it as a delivery that arrived on
    /// <paramref name="target"/>. Bound the stream's length yourself before handing it an untrusted body.
    /// </summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body stream.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    /// <param name="target">The method and the URL the sender called.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public async ValueTask<WebhookVerificationResult> VerifyAsync(
        IWebhookHeaders headers, Stream body, KeyRing keys, WebhookRequestTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return Verify(headers, buffer.AsSpan(0, length), keys, target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Signs a body with the ring's current (first) secret and returns the exact bytes and headers to send.
    /// </summary>
    /// <param name="body">The body to send. Some schemes add to it (Infisical appends the timestamp).</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="timestamp">The time to sign; <see cref="TimeProvider"/>'s now when <see langword="null"/>.</param>
    /// <param name="messageId">A delivery id, for schemes that sign one; generated when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The body cannot be signed by this scheme, or the ring is empty.</exception>
    public abstract SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null);

    /// <summary>
    /// Signs a body to be sent to <paramref name="target"/>, for the schemes that sign the request line; the others
    /// ignore the target and sign as <see cref="Sign(ReadOnlySpan{byte}, KeyRing, DateTimeOffset?, string?)"/> does.
    /// </summary>
    /// <param name="body">The body to send.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="target">The method and the URL the delivery is sent to, exactly as the receiver will see them.</param>
    /// <param name="timestamp">The time to sign; <see cref="TimeProvider"/>'s now when <see langword="null"/>.</param>
    /// <param name="messageId">A delivery id, for schemes that sign one; generated when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The body or target cannot be signed by this scheme, or the ring is empty.</exception>
    public virtual SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, WebhookRequestTarget target, DateTimeOffset? timestamp = null, string? messageId = null) =>
        Sign(body, keys, timestamp, messageId);

    /// <summary>
    /// Reads the event name and delivery id a delivery carries, for logs and handlers. Call it only after
    /// verification succeeded: unsigned headers describe, they do not authenticate. Never throws.
    /// </summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body.</param>
    public virtual WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body) => default;

    /// <summary>
    /// Identifies a verified delivery for exactly-once handling, from signed material only: never the MAC that
    /// matched and never an unsigned header. The default is <see cref="WebhookDeliveryId.FromSignedContent(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> of the
    /// body alone, exact for schemes whose MAC covers only the body; a scheme that signs more (a timestamp prefix) or
    /// signs an identifier its sender keeps across retries overrides it. Call it only after verification succeeded.
    /// </summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="result">The successful result of <see cref="Verify(IWebhookHeaders, ReadOnlySpan{byte}, KeyRing)"/>.</param>
    public virtual WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result) =>
        WebhookDeliveryId.FromSignedContent(default, body);

    /// <summary>
    /// Answers a sender's handshake, when a verified delivery is one: a request the sender makes to prove the endpoint is
    /// yours (Slack's <c>url_verification</c>, Zoom's <c>endpoint.url_validation</c>, Twitch's
    /// <c>webhook_callback_verification</c>) and that expects a particular reply instead of the handler's. Returns
    /// <see langword="null"/> for every other delivery, and always for a <paramref name="result"/> that did not verify:
    /// an unsigned request never gets an answer built from what it sent. Never throws on what a sender controls.
    /// </summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The ring that verified the delivery; <paramref name="result"/> says which key matched.</param>
    /// <param name="result">The result of <see cref="Verify(IWebhookHeaders, ReadOnlySpan{byte}, KeyRing)"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="keys"/> is null.</exception>
    public WebhookHandshakeResponse? AnswerHandshake(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys, in WebhookVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(keys);
        return result.IsValid && result.MatchedKeyIndex is { } index && index < keys.Count
            ? AnswerHandshakeCore(headers, body, keys, index)
            : null;
    }

    /// <summary>
    /// What only the scheme knows about its sender's handshake, called by <see cref="AnswerHandshake"/> for verified
    /// deliveries only. The default answers nothing. Override it to recognise the handshake in the signed body (an
    /// unsigned header alone never makes one) and to build the reply, such as a JSON body from
    /// <see cref="WebhookHandshakeResponse.Json"/>.
    /// </summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The verified body, byte for byte as received.</param>
    /// <param name="keys">The ring that verified the delivery.</param>
    /// <param name="matchedKeyIndex">The position in <paramref name="keys"/> of the secret that verified it, for replies keyed with it.</param>
    protected virtual WebhookHandshakeResponse? AnswerHandshakeCore(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys, int matchedKeyIndex) => null;

    /// <summary>
    /// Identifies a verified delivery that arrived on <paramref name="target"/>: a scheme that signs the request line
    /// hashes it with the rest of what its MAC covers; the others ignore it. Call it only after
    /// <see cref="Verify(IWebhookHeaders, ReadOnlySpan{byte}, KeyRing, WebhookRequestTarget)"/> succeeded with the same target.
    /// </summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="result">The successful verification result.</param>
    /// <param name="target">The method and the URL the sender called, as passed to verification.</param>
    public virtual WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result, WebhookRequestTarget target) =>
        IdentifyDelivery(headers, body, result);

    /// <summary>
    /// Turns configured secret strings into a key ring. The default uses each secret's UTF-8 bytes;
    /// schemes with encoded secrets override it.
    /// </summary>
    /// <param name="secrets">Current secret first, older ones after.</param>
    /// <exception cref="ArgumentException">A secret is empty or not in the scheme's format.</exception>
    public virtual KeyRing CreateKeyRing(IEnumerable<string> secrets) => KeyRing.FromSecrets(secrets);

    /// <summary>
    /// Starts a verification as every scheme starts it: <see cref="WebhookFailureReason.NoSecrets"/> for an empty ring,
    /// then <see cref="WebhookFailureReason.MissingSignature"/> for a header that is empty once spaces and tabs are trimmed.
    /// </summary>
    /// <param name="keys">The accepted secrets.</param>
    /// <param name="signatureHeader">The received signature header; trimmed in place for the scheme to parse.</param>
    /// <returns>The failure to return, or <see langword="null"/> to go on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
    protected static WebhookVerificationResult? BeginVerification(KeyRing keys, ref ReadOnlySpan<char> signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.IsEmpty)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.NoSecrets);
        }

        signatureHeader = signatureHeader.Trim(" \t");
        return signatureHeader.IsEmpty ? WebhookVerificationResult.Failure(WebhookFailureReason.MissingSignature) : null;
    }

    /// <summary>
    /// Starts a verification of a scheme whose signature and timestamp come in two headers:
    /// <see cref="BeginVerification(KeyRing, ref ReadOnlySpan{char})"/>, then
    /// <see cref="WebhookFailureReason.MissingSignature"/> for a timestamp header that is empty once trimmed.
    /// </summary>
    /// <param name="keys">The accepted secrets.</param>
    /// <param name="signatureHeader">The received signature header; trimmed in place for the scheme to parse.</param>
    /// <param name="timestampHeader">The received timestamp header; trimmed in place for the scheme to parse.</param>
    /// <returns>The failure to return, or <see langword="null"/> to go on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
    protected static WebhookVerificationResult? BeginVerification(KeyRing keys, ref ReadOnlySpan<char> signatureHeader, ref ReadOnlySpan<char> timestampHeader)
    {
        if (BeginVerification(keys, ref signatureHeader) is { } failure)
        {
            return failure;
        }

        timestampHeader = timestampHeader.Trim(" \t");
        return timestampHeader.IsEmpty ? WebhookVerificationResult.Failure(WebhookFailureReason.MissingSignature) : null;
    }

    /// <summary>
    /// Starts a verification of a scheme that signs the request line: <see cref="BeginVerification(KeyRing, ref ReadOnlySpan{char})"/>,
    /// then <see cref="WebhookFailureReason.MissingRequestUrl"/> when <paramref name="target"/> is <see cref="WebhookRequestTarget.None"/>.
    /// </summary>
    /// <param name="keys">The accepted secrets.</param>
    /// <param name="signatureHeader">The received signature header; trimmed in place for the scheme to parse.</param>
    /// <param name="target">The request line the delivery arrived on.</param>
    /// <returns>The failure to return, or <see langword="null"/> to go on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
    protected static WebhookVerificationResult? BeginVerification(KeyRing keys, ref ReadOnlySpan<char> signatureHeader, WebhookRequestTarget target)
    {
        if (BeginVerification(keys, ref signatureHeader) is { } failure)
        {
            return failure;
        }

        return target.IsNone ? WebhookVerificationResult.Failure(WebhookFailureReason.MissingRequestUrl) : null;
    }

    /// <summary>
    /// Tries every key of the ring against one received HMAC-SHA1 over <c>prefix || body</c>, comparing in constant time,
    /// for senders that sign with SHA-1 (GitHub's legacy header, Twilio's default).
    /// </summary>
    /// <param name="keys">The accepted secrets, current first.</param>
    /// <param name="signedPrefix">What the sender signs before the body; empty for body-only schemes.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="received">The received MAC, 20 bytes.</param>
    /// <returns>A success with the ring position and the MAC that matched, or <see cref="WebhookFailureReason.SignatureMismatch"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="received"/> is not 20 bytes.</exception>
    protected static WebhookVerificationResult VerifyHmacSha1(KeyRing keys, ReadOnlySpan<byte> signedPrefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> received)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (received.Length != HmacSha1.Length)
        {
            throw new ArgumentException($"An HMAC-SHA1 has {HmacSha1.Length} bytes.", nameof(received));
        }

        var keyIndex = HmacSha1.FindMatchingKey(keys, signedPrefix, body, received, out var digest);
        return keyIndex < 0
            ? WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch)
            : WebhookVerificationResult.Success(keyIndex, digest);
    }

    /// <summary>
    /// Tries every key of the ring against every received HMAC-SHA256 over <c>prefix || body || suffix</c>, for senders that
    /// sign something after the body (HubSpot's timestamp), comparing in constant time.
    /// </summary>
    /// <param name="keys">The accepted secrets, current first.</param>
    /// <param name="signedPrefix">What the sender signs before the body.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="signedSuffix">What the sender signs after the body.</param>
    /// <param name="candidates">The received MACs, <see cref="WebhookHmac.Sha256Length"/> bytes each, back to back.</param>
    /// <returns>A success with the ring position and the MAC that matched, or <see cref="WebhookFailureReason.SignatureMismatch"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="candidates"/> is empty or not a whole number of MACs.</exception>
    protected static WebhookVerificationResult VerifyHmacSha256(
        KeyRing keys, ReadOnlySpan<byte> signedPrefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signedSuffix, ReadOnlySpan<byte> candidates)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (candidates.IsEmpty || candidates.Length % HmacSha256.Length != 0)
        {
            throw new ArgumentException($"The candidates must be one or more MACs of {HmacSha256.Length} bytes, back to back.", nameof(candidates));
        }

        var keyIndex = HmacSha256.FindMatchingKey(keys, signedPrefix, body, signedSuffix, candidates, out var digest);
        return keyIndex < 0
            ? WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch)
            : WebhookVerificationResult.Success(keyIndex, digest);
    }

    /// <summary>
    /// Tries every key of the ring against every received HMAC-SHA256 over <c>prefix || body</c>, comparing in constant time.
    /// </summary>
    /// <param name="keys">The accepted secrets, current first.</param>
    /// <param name="signedPrefix">What the sender signs before the body; empty for body-only schemes.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="candidates">The received MACs, <see cref="WebhookHmac.Sha256Length"/> bytes each, back to back.</param>
    /// <returns>
    /// A success with the ring position and the MAC that matched (pass it to <see cref="CheckTimestamp"/> when the
    /// scheme signs a timestamp), or <see cref="WebhookFailureReason.SignatureMismatch"/>.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="candidates"/> is empty or not a whole number of MACs.</exception>
    protected static WebhookVerificationResult VerifyHmacSha256(KeyRing keys, ReadOnlySpan<byte> signedPrefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> candidates)
    {
        var keyIndex = WebhookHmac.FindMatchingKey(keys, signedPrefix, body, candidates, out var digest);
        return keyIndex < 0
            ? WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch)
            : WebhookVerificationResult.Success(keyIndex, digest);
    }

    /// <summary>
    /// Tries every Ed25519 public key of the ring (and the public half of every private key; never a secret) against
    /// every received signature over <c>prefix || body</c>. Needs <see cref="Ed25519"/>.
    /// </summary>
    /// <param name="keys">The accepted keys, current first.</param>
    /// <param name="signedPrefix">What the sender signs before the body.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="candidates">The received signatures, <see cref="IEd25519.SignatureLength"/> bytes each, back to back.</param>
    /// <returns>
    /// A success with the ring position and the SHA-256 of the signature that verified (a signature is 64 bytes, more
    /// than a <see cref="WebhookDigest"/> holds), <see cref="WebhookFailureReason.SignatureMismatch"/>, or
    /// <see cref="WebhookFailureReason.UnsupportedAlgorithm"/> when the scheme has no Ed25519 primitive.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="candidates"/> is empty or not a whole number of signatures.</exception>
    protected WebhookVerificationResult VerifyEd25519(KeyRing keys, ReadOnlySpan<byte> signedPrefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> candidates)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (candidates.IsEmpty || candidates.Length % IEd25519.SignatureLength != 0)
        {
            throw new ArgumentException($"The candidates must be one or more signatures of {IEd25519.SignatureLength} bytes, back to back.", nameof(candidates));
        }

        if (Ed25519 is null)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.UnsupportedAlgorithm);
        }

        var keyIndex = Ed25519Signatures.FindMatchingKey(Ed25519, keys, signedPrefix, body, candidates, out var digest);
        return keyIndex < 0
            ? WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch)
            : WebhookVerificationResult.Success(keyIndex, digest);
    }

    /// <summary>
    /// Applies the two-sided replay window to the signed timestamp of a matched signature. A failed
    /// <paramref name="matched"/> is returned as it is.
    /// </summary>
    /// <param name="matched">The result of <see cref="VerifyHmacSha256(KeyRing, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</param>
    /// <param name="signedTimestampUnixMs">The timestamp the matched MAC covers, in Unix milliseconds.</param>
    /// <returns>
    /// A success carrying the timestamp, or <see cref="WebhookFailureReason.TimestampTooOld"/> or
    /// <see cref="WebhookFailureReason.TimestampTooNew"/> with the matched key and timestamp kept for diagnostics.
    /// </returns>
    protected WebhookVerificationResult CheckTimestamp(in WebhookVerificationResult matched, long signedTimestampUnixMs)
    {
        if (!matched.IsValid)
        {
            return matched;
        }

        var keyIndex = matched.MatchedKeyIndex.GetValueOrDefault();
        var window = TimestampWindow.Check(signedTimestampUnixMs, TimeProvider, Tolerance);
        return window == WebhookFailureReason.None
            ? WebhookVerificationResult.Success(keyIndex, matched.Digest, signedTimestampUnixMs)
            : WebhookVerificationResult.TimestampFailure(window, keyIndex, signedTimestampUnixMs);
    }

    /// <summary>
    /// Writes <c>&lt;timestamp&gt;.</c> in ASCII, what Stripe-style schemes sign before the body, and returns its length.
    /// </summary>
    /// <param name="timestamp">The timestamp as the sender writes it, in its unit.</param>
    /// <param name="destination">At least <see cref="MaxTimestampPrefixLength"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    protected static int WriteTimestampPrefix(long timestamp, Span<byte> destination)
    {
        if (!timestamp.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture) || written >= destination.Length)
        {
            throw new ArgumentException($"The destination needs up to {MaxTimestampPrefixLength} bytes.", nameof(destination));
        }

        destination[written] = (byte)'.';
        return written + 1;
    }

    /// <summary>
    /// Parses a received Unix timestamp written in <paramref name="unit"/> (ASCII digits only: no sign, no spaces, no
    /// overflow) and returns it in milliseconds, the unit of <see cref="CheckTimestamp"/> and the results. Never throws.
    /// </summary>
    /// <param name="text">The received text.</param>
    /// <param name="unit">The unit the sender writes.</param>
    /// <param name="timestampUnixMs">The timestamp in Unix milliseconds; 0 when parsing fails.</param>
    protected static bool TryParseTimestamp(ReadOnlySpan<char> text, WebhookTimestampUnit unit, out long timestampUnixMs) =>
        UnixTimestamp.TryParse(text, unit, out timestampUnixMs);

    /// <summary>Throws when the ring has no secret to sign with: it is empty, or its first key is not a secret.</summary>
    /// <param name="keys">The ring.</param>
    protected static void EnsureCanSign(KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.IsEmpty)
        {
            throw new ArgumentException("The key ring is empty: there is no secret to sign with.", nameof(keys));
        }

        if (keys.GetKind(0) != WebhookKeyKind.Secret)
        {
            throw new ArgumentException($"The key ring's first key is an {keys.GetKind(0)}, not a secret: it cannot sign an HMAC.", nameof(keys));
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>
/// The outcome of verifying one webhook delivery. A value type: verifying allocates nothing.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
[StructLayout(LayoutKind.Auto)]
public readonly struct WebhookVerificationResult : IEquatable<WebhookVerificationResult>
{
    private const long MinUnixMs = -62_135_596_800_000;
    private const long MaxUnixMs = 253_402_300_799_999;

    // Only Success sets it, so default(WebhookVerificationResult), which no scheme produced, fails closed.
    private readonly bool _verified;
    private readonly WebhookFailureReason _reason;
    private readonly int _matchedKeyIndex;
    private readonly long _timestampUnixMs;
    private readonly bool _hasTimestamp;
    private readonly WebhookDigest _digest;

    private WebhookVerificationResult(WebhookFailureReason reason, int matchedKeyIndex, long timestampUnixMs, bool hasTimestamp, WebhookDigest digest)
    {
        _verified = reason == WebhookFailureReason.None;
        _reason = reason;
        _matchedKeyIndex = matchedKeyIndex;
        _timestampUnixMs = timestampUnixMs;
        _hasTimestamp = hasTimestamp;
        _digest = digest;
    }

    /// <summary>
    /// Whether the delivery is authentic (and, for timestamped schemes, fresh). Only <see cref="Success"/> makes a valid
    /// result: <c>default</c> is invalid, with <see cref="WebhookFailureReason.NotVerified"/>.
    /// </summary>
    public bool IsValid => _verified;

    /// <summary>Why verification failed, or <see cref="WebhookFailureReason.None"/> when it passed.</summary>
    public WebhookFailureReason FailureReason => _verified ? WebhookFailureReason.None
        : _reason == WebhookFailureReason.None ? WebhookFailureReason.NotVerified : _reason;

    /// <summary>
    /// The position in the <see cref="KeyRing"/> of the secret that matched (0 = current),
    /// or <see langword="null"/> when no secret matched.
    /// </summary>
    public int? MatchedKeyIndex => _verified || (_reason != WebhookFailureReason.None && _matchedKeyIndex >= 0) ? _matchedKeyIndex : null;

    /// <summary>
    /// The signed timestamp in Unix milliseconds, when the scheme signs one and the signature matched;
    /// otherwise <see langword="null"/>. An unsigned header value is never reported here.
    /// </summary>
    public long? TimestampUnixMs => _hasTimestamp ? _timestampUnixMs : null;

    /// <summary>
    /// The signed timestamp as a <see cref="DateTimeOffset"/>, when there is one that the calendar can hold; a signed
    /// value beyond the year 9999 (a sender writing milliseconds where seconds belong) is only in <see cref="TimestampUnixMs"/>.
    /// </summary>
    public DateTimeOffset? Timestamp => _hasTimestamp && _timestampUnixMs is >= MinUnixMs and <= MaxUnixMs
        ? DateTimeOffset.FromUnixTimeMilliseconds(_timestampUnixMs)
        : null;

    /// <summary>
    /// The MAC that matched (empty when none did). It is signed material, so it identifies a delivery
    /// for replay protection; it is not a secret.
    /// </summary>
    public WebhookDigest Digest => _digest;

    /// <summary>Creates a successful result.</summary>
    /// <param name="matchedKeyIndex">The ring position of the secret that matched.</param>
    /// <param name="digest">The MAC that matched.</param>
    /// <param name="timestampUnixMs">The signed timestamp in Unix milliseconds, if the scheme has one.</param>
    public static WebhookVerificationResult Success(int matchedKeyIndex, WebhookDigest digest, long? timestampUnixMs = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(matchedKeyIndex);
        return new(WebhookFailureReason.None, matchedKeyIndex, timestampUnixMs.GetValueOrDefault(), timestampUnixMs.HasValue, digest);
    }

    /// <summary>Creates a failed result.</summary>
    /// <param name="reason">Why verification failed; must not be <see cref="WebhookFailureReason.None"/>.</param>
    public static WebhookVerificationResult Failure(WebhookFailureReason reason)
    {
        if (reason == WebhookFailureReason.None)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), "A failure needs a reason other than None.");
        }

        return new(reason, -1, 0, false, default);
    }

    /// <summary>
    /// Creates a failed result for a delivery whose signature matched but whose signed timestamp
    /// failed a check; the key index and timestamp are kept for diagnostics.
    /// </summary>
    /// <param name="reason">Why verification failed.</param>
    /// <param name="matchedKeyIndex">The ring position of the secret that matched.</param>
    /// <param name="timestampUnixMs">The signed timestamp in Unix milliseconds.</param>
    public static WebhookVerificationResult TimestampFailure(WebhookFailureReason reason, int matchedKeyIndex, long timestampUnixMs)
    {
        if (reason == WebhookFailureReason.None)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), "A failure needs a reason other than None.");
        }

        return new(reason, matchedKeyIndex, timestampUnixMs, true, default);
    }

    /// <inheritdoc />
    public bool Equals(WebhookVerificationResult other) =>
        _verified == other._verified
        && _reason == other._reason
        && _matchedKeyIndex == other._matchedKeyIndex
        && _hasTimestamp == other._hasTimestamp
        && _timestampUnixMs == other._timestampUnixMs
        && _digest.Equals(other._digest);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WebhookVerificationResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_verified, _reason, _matchedKeyIndex, _timestampUnixMs, _hasTimestamp);

    /// <summary>Compares two results for equality.</summary>
    public static bool operator ==(WebhookVerificationResult left, WebhookVerificationResult right) => left.Equals(right);

    /// <summary>Compares two results for inequality.</summary>
    public static bool operator !=(WebhookVerificationResult left, WebhookVerificationResult right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => IsValid
        ? $"Valid (key {_matchedKeyIndex}{(_hasTimestamp ? $", timestamp {_timestampUnixMs}" : string.Empty)})"
        : $"Invalid ({FailureReason})";
}

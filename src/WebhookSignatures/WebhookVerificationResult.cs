using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>
/// What one read of a delivery found: whether it verified (or why not), which key matched and the signed time, and,
/// when asked for (<see cref="WebhookReadParts"/>), the delivery's identity, its description and the answer to a
/// handshake. A value type: a verification that asks for no part allocates nothing.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
[StructLayout(LayoutKind.Auto)]
public readonly struct WebhookVerificationResult : IEquatable<WebhookVerificationResult>
{
    private const long MinUnixMs = -62_135_596_800_000;
    private const long MaxUnixMs = 253_402_300_799_999;

    // Only a verification that matched sets it, so default(WebhookVerificationResult) fails closed.
    private readonly bool _verified;
    private readonly WebhookFailureReason _reason;
    private readonly int _matchedKeyIndex;
    private readonly long _timestampUnixMs;
    private readonly bool _hasTimestamp;

    private WebhookVerificationResult(
        WebhookFailureReason reason,
        int matchedKeyIndex,
        long timestampUnixMs,
        bool hasTimestamp,
        WebhookDeliveryIdentity identity,
        WebhookDeliveryDescription description,
        WebhookHandshakeResponse? handshake)
    {
        _verified = reason == WebhookFailureReason.None;
        _reason = reason;
        _matchedKeyIndex = matchedKeyIndex;
        _timestampUnixMs = timestampUnixMs;
        _hasTimestamp = hasTimestamp;
        Identity = identity;
        Description = description;
        Handshake = handshake;
    }

    /// <summary>
    /// Whether the delivery is authentic (and, for timestamped schemes, fresh). <c>default</c> is invalid, with
    /// <see cref="WebhookFailureReason.NotVerified"/>.
    /// </summary>
    public bool IsValid => _verified;

    /// <summary>Why verification failed, or <see cref="WebhookFailureReason.None"/> when it passed.</summary>
    public WebhookFailureReason FailureReason => _verified ? WebhookFailureReason.None
        : _reason == WebhookFailureReason.None ? WebhookFailureReason.NotVerified : _reason;

    /// <summary>
    /// The position in the <see cref="KeyRing"/> of the key that matched (0 = current), also for a signature that matched
    /// outside the replay window; <see langword="null"/> when no key matched.
    /// </summary>
    public int? MatchedKeyIndex => _verified || (_reason != WebhookFailureReason.None && _matchedKeyIndex >= 0) ? _matchedKeyIndex : null;

    /// <summary>
    /// The signed timestamp in Unix milliseconds, when the scheme signs one and the signature matched; otherwise
    /// <see langword="null"/>. An unsigned header value is never reported here.
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
    /// The delivery's identity for exactly-once handling, from signed material only: the id the sender signed, or
    /// exactly what the MAC covered, in the form that verified. Empty unless <see cref="WebhookReadParts.Identity"/> was
    /// asked for and the delivery verified.
    /// </summary>
    public WebhookDeliveryIdentity Identity { get; }

    /// <summary>
    /// The event name and the sender's delivery id, each marked signed or not. Empty unless
    /// <see cref="WebhookReadParts.Description"/> was asked for and the delivery verified.
    /// </summary>
    public WebhookDeliveryDescription Description { get; }

    /// <summary>
    /// The reply a sender's handshake expects instead of the handler's (Slack's challenge, Zoom's encrypted token);
    /// <see langword="null"/> for every other delivery, unless <see cref="WebhookReadParts.Handshake"/> was asked for, and
    /// always for a delivery that did not verify: an unsigned request never gets an answer built from what it sent.
    /// </summary>
    public WebhookHandshakeResponse? Handshake { get; }

    /// <summary>Compares two results: validity, reason, key, timestamp, identity, description and handshake.</summary>
    /// <param name="other">The other result.</param>
    public bool Equals(WebhookVerificationResult other) =>
        _verified == other._verified
        && _reason == other._reason
        && _matchedKeyIndex == other._matchedKeyIndex
        && _hasTimestamp == other._hasTimestamp
        && _timestampUnixMs == other._timestampUnixMs
        && Identity.Equals(other.Identity)
        && Description.Equals(other.Description)
        && ReferenceEquals(Handshake, other.Handshake);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WebhookVerificationResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_verified, _reason, _matchedKeyIndex, _timestampUnixMs, _hasTimestamp, Identity);

    /// <summary>Compares two results for equality.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    public static bool operator ==(WebhookVerificationResult left, WebhookVerificationResult right) => left.Equals(right);

    /// <summary>Compares two results for inequality.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    public static bool operator !=(WebhookVerificationResult left, WebhookVerificationResult right) => !left.Equals(right);

    /// <summary>A short text for logs: validity, the key and the signed timestamp, or the failure reason. Never a secret.</summary>
    public override string ToString() => IsValid
        ? $"Valid (key {_matchedKeyIndex}{(_hasTimestamp ? $", timestamp {_timestampUnixMs}" : string.Empty)})"
        : $"Invalid ({FailureReason})";

    internal static WebhookVerificationResult Success(
        int matchedKeyIndex, long? timestampUnixMs, WebhookDeliveryIdentity identity, WebhookDeliveryDescription description, WebhookHandshakeResponse? handshake) =>
        new(WebhookFailureReason.None, matchedKeyIndex, timestampUnixMs.GetValueOrDefault(), timestampUnixMs.HasValue, identity, description, handshake);

    internal static WebhookVerificationResult Failure(WebhookFailureReason reason, int matchedKeyIndex = -1, long? timestampUnixMs = null)
    {
        Debug.Assert(reason != WebhookFailureReason.None, "A failure has a reason.");
        return new(reason, matchedKeyIndex, timestampUnixMs.GetValueOrDefault(), timestampUnixMs.HasValue, default, default, null);
    }
}

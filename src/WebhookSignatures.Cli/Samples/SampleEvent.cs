namespace WebhookSignatures.Cli.Samples;

/// <summary>One event a scheme's sender really sends, and how to write a realistic delivery of it.</summary>
/// <param name="Name">The event as the sender names it (<c>--event</c>), such as <c>ping/v0</c> or <c>push</c>.</param>
/// <param name="Create">
/// Writes the body (before signing) and the descriptive, unsigned headers for a delivery id and the time it is sent
/// (a sender such as Linear writes its signed timestamp into the body).
/// </param>
internal sealed record SampleEvent(string Name, Func<string, DateTimeOffset, SampleDelivery> Create)
{
    /// <summary>An event whose body does not depend on when it is sent.</summary>
    public SampleEvent(string name, Func<string, SampleDelivery> create)
        : this(name, (id, _) => create(id))
    {
    }

    /// <summary>
    /// A handshake the sender makes before it delivers anything (Slack's <c>url_verification</c>), which a receiver
    /// answers with a challenge; <c>send</c> prints the answer.
    /// </summary>
    public bool IsHandshake { get; init; }
}

/// <summary>A sample body before signing and the unsigned headers that describe it (event name, delivery id).</summary>
/// <param name="Body">The body's exact bytes.</param>
/// <param name="Headers">
/// Headers the sender adds beside the signature; one that the scheme's signer also writes (Twitch's message type)
/// takes the signer's place.
/// </param>
internal sealed record SampleDelivery(byte[] Body, List<KeyValuePair<string, string>> Headers)
{
    /// <summary>The signed headers and these, a header of the same name given here replacing the signer's.</summary>
    public List<KeyValuePair<string, string>> HeadersWith(IEnumerable<KeyValuePair<string, string>> signed)
    {
        var own = new HashSet<string>(Headers.Select(h => h.Key), StringComparer.OrdinalIgnoreCase);
        return [.. signed.Where(h => !own.Contains(h.Key)), .. Headers];
    }
}

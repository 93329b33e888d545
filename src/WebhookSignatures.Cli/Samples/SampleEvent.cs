namespace WebhookSignatures.Cli.Samples;

/// <summary>One event a scheme's sender really sends, and how to write a realistic delivery of it.</summary>
/// <param name="Name">The event as the sender names it (<c>--event</c>), such as <c>ping/v0</c> or <c>push</c>.</param>
/// <param name="Create">Writes the body (before signing) and the descriptive, unsigned headers for a delivery id.</param>
internal sealed record SampleEvent(string Name, Func<string, SampleDelivery> Create);

/// <summary>A sample body before signing and the unsigned headers that describe it (event name, delivery id).</summary>
/// <param name="Body">The body's exact bytes.</param>
/// <param name="Headers">Headers the sender adds beside the signature.</param>
internal sealed record SampleDelivery(byte[] Body, List<KeyValuePair<string, string>> Headers);

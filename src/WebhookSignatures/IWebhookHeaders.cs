namespace WebhookSignatures;

/// <summary>Read access to a delivery's headers, so a scheme can find the ones it needs.</summary>
/// <remarks>
/// Names are case-insensitive. A header that occurs more than once is returned as its values joined
/// by <c>", "</c>, as HTTP combines list headers; no scheme accepts a combined signature header
/// unless its format is a list.
/// </remarks>
public interface IWebhookHeaders
{
    /// <summary>Returns the header's value, or <see langword="null"/> when it is absent.</summary>
    /// <param name="name">The header name, in any case.</param>
    string? GetValue(string name);
}

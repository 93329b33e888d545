namespace WebhookSignatures.Models;

/// <summary>Creates <see cref="WebhookParseResult{T}"/> values, for the parsers.</summary>
internal static class WebhookParseResult
{
    /// <summary>Creates a successful result.</summary>
    /// <typeparam name="T">The event type.</typeparam>
    /// <param name="value">The parsed event.</param>
    internal static WebhookParseResult<T> Success<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, WebhookParseError.None, null);
    }

    /// <summary>Creates a failed result.</summary>
    /// <typeparam name="T">The event type.</typeparam>
    /// <param name="error">Why parsing failed; not <see cref="WebhookParseError.None"/>.</param>
    /// <param name="message">What was wrong, for logs.</param>
    internal static WebhookParseResult<T> Failure<T>(WebhookParseError error, string message)
        where T : class
    {
        if (error == WebhookParseError.None)
        {
            throw new ArgumentOutOfRangeException(nameof(error), "A failure needs an error other than None.");
        }

        ArgumentException.ThrowIfNullOrEmpty(message);
        return new(null, error, message);
    }
}

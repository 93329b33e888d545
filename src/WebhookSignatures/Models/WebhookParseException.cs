namespace WebhookSignatures.Models;

/// <summary>
/// Thrown by <see cref="WebhookParseResult{T}.GetValueOrThrow"/> when a body did not parse. The parsers themselves
/// never throw on a body: they return a <see cref="WebhookParseResult{T}"/>.
/// </summary>
public sealed class WebhookParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookParseException()
        : this(WebhookParseError.WrongShape, "The webhook body could not be parsed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public WebhookParseException(string message)
        : this(WebhookParseError.WrongShape, message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = WebhookParseError.WrongShape;
    }

    /// <summary>Creates the exception for a parse error.</summary>
    /// <param name="error">Why parsing failed.</param>
    /// <param name="message">What was wrong.</param>
    public WebhookParseException(WebhookParseError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Why parsing failed.</summary>
    public WebhookParseError Error { get; }
}

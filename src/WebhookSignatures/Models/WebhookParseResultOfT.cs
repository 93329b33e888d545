using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace WebhookSignatures.Models;

/// <summary>
/// The outcome of parsing a verified webhook body into a typed event: either <see cref="Value"/>, or an
/// <see cref="Error"/> with a human-readable <see cref="ErrorMessage"/>. Parsing never throws on what the body holds.
/// </summary>
/// <typeparam name="T">The event type, such as <c>InfisicalWebhook</c> or <c>SnykEvent</c>.</typeparam>
/// <remarks>
/// The message describes where the body went wrong (a JSON path and position); it never quotes a secret,
/// because webhook bodies carry none and the key ring is not involved in parsing.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class WebhookParseResult<T>
    where T : class
{
    internal WebhookParseResult(T? value, WebhookParseError error, string? errorMessage)
    {
        Value = value;
        Error = error;
        ErrorMessage = errorMessage;
    }

    /// <summary>Whether the body parsed; when <see langword="true"/>, <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(ErrorMessage))]
    public bool IsSuccess => Error == WebhookParseError.None;

    /// <summary>The parsed event, or <see langword="null"/> when parsing failed.</summary>
    public T? Value { get; }

    /// <summary>Why parsing failed, or <see cref="WebhookParseError.None"/>.</summary>
    public WebhookParseError Error { get; }

    /// <summary>What was wrong with the body, or <see langword="null"/> on success.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Returns the parsed event, or throws when parsing failed.</summary>
    /// <exception cref="WebhookParseException">Parsing failed; the exception carries <see cref="Error"/>.</exception>
    public T GetValueOrThrow() => IsSuccess ? Value : throw new WebhookParseException(Error, ErrorMessage);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"Parsed ({Value.GetType().Name})" : $"Failed ({Error}: {ErrorMessage})";
}

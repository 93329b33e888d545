using System.Net.Http.Headers;

namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>What an example answered to one request.</summary>
/// <param name="Status">The status code.</param>
/// <param name="MediaType">The content type's media type, or <see langword="null"/> without a body type.</param>
/// <param name="Body">The body, as text.</param>
internal sealed record ExampleAnswer(int Status, string? MediaType, string Body)
{
    /// <summary>Reads a response.</summary>
    public static async Task<ExampleAnswer> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return new ExampleAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>Whether the content type is <paramref name="mediaType"/> (its parameters, such as the charset, aside).</summary>
    public bool IsOfType(string mediaType) =>
        MediaType is not null && MediaTypeHeaderValue.TryParse(mediaType, out var expected) && string.Equals(MediaType, expected.MediaType, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"{Status} {MediaType ?? "(no type)"} '{Body}'";
}

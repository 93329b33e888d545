using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>A request's headers as a scheme reads them.</summary>
internal sealed class HttpRequestWebhookHeaders(IHeaderDictionary headers) : IWebhookHeaders
{
    public string? GetValue(string name)
    {
        var values = headers[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => string.Join(", ", values.ToArray()),
        };
    }

    /// <summary>Whether any of <paramref name="names"/> occurs more than once (an ambiguous signature).</summary>
    public bool HasRepeated(IReadOnlyList<string> names)
    {
        // Indexed rather than foreach: enumerating the interface would allocate an enumerator per request.
        for (var i = 0; i < names.Count; i++)
        {
            if (headers[names[i]].Count > 1)
            {
                return true;
            }
        }

        return false;
    }
}

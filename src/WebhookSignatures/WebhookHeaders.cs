using System.Collections;

namespace WebhookSignatures;

/// <summary>
/// A simple case-insensitive header collection, for verifying deliveries outside ASP.NET Core
/// and for the headers produced by signing.
/// </summary>
public sealed class WebhookHeaders : IWebhookHeaders, IEnumerable<KeyValuePair<string, string>>
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = [];

    /// <summary>The number of distinct header names.</summary>
    public int Count => _values.Count;

    /// <summary>Adds a header. Adding a name again appends the value after <c>", "</c>, as HTTP combines repeated headers.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value.</param>
    public void Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (_values.TryGetValue(name, out var existing))
        {
            _values[name] = existing + ", " + value;
            return;
        }

        _values[name] = value;
        _order.Add(name);
    }

    /// <inheritdoc />
    public string? GetValue(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Returns the headers in the order they were first added.</summary>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var name in _order)
        {
            yield return new(name, _values[name]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

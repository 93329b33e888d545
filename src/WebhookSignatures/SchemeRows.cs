using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace WebhookSignatures;

/// <summary>A list of scheme rows and the lookup by name that every scheme catalog offers.</summary>
internal sealed class SchemeRows
{
    private readonly Dictionary<string, WebhookSchemeDescriptor> _byName;

    public SchemeRows(IEnumerable<WebhookSchemeDescriptor> rows)
    {
        var list = rows.ToArray();
        All = new ReadOnlyCollection<WebhookSchemeDescriptor>(list);
        _byName = list.ToDictionary(row => row.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<WebhookSchemeDescriptor> All { get; }

    public bool TryGet(string name, [NotNullWhen(true)] out WebhookSchemeDescriptor? scheme)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out scheme);
    }

    public WebhookSchemeDescriptor Get(string name) =>
        TryGet(name, out var scheme)
            ? scheme
            : throw new ArgumentException($"Unknown scheme '{name}'. Known schemes: {string.Join(", ", All.Select(row => row.Name))}.", nameof(name));
}

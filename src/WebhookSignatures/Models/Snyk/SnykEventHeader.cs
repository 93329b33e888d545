using System.Runtime.InteropServices;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// The <c>X-Snyk-Event</c> header split into the event name and the payload version: <c>project_snapshot/v0</c> is
/// <see cref="Name"/> <c>project_snapshot</c> and <see cref="Version"/> <c>v0</c>. Match on the name; keep the version as data.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct SnykEventHeader
{
    /// <summary>Creates the value.</summary>
    /// <param name="name">The event name, such as <c>ping</c>; see <see cref="SnykEventNames"/>.</param>
    /// <param name="version">The payload version, such as <c>v0</c>, or <see langword="null"/> when the header has none.</param>
    public SnykEventHeader(string name, string? version)
    {
        Name = name;
        Version = version;
    }

    /// <summary>The event name, such as <c>ping</c>; see <see cref="SnykEventNames"/>.</summary>
    public string Name { get; }

    /// <summary>The payload version, such as <c>v0</c>, or <see langword="null"/> when the header has none.</summary>
    public string? Version { get; }

    /// <summary>Splits a header value at its last <c>/</c>. Whitespace around the value and its parts is ignored.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="header">The name and version.</param>
    /// <returns><see langword="false"/> when the value is missing or its name part is empty.</returns>
    public static bool TryParse(string? value, out SnykEventHeader header)
    {
        header = default;
        var text = value.AsSpan().Trim();
        var slash = text.LastIndexOf('/');
        var name = (slash < 0 ? text : text[..slash]).Trim();
        if (name.IsEmpty)
        {
            return false;
        }

        var version = slash < 0 ? [] : text[(slash + 1)..].Trim();
        header = new SnykEventHeader(name.ToString(), version.IsEmpty ? null : version.ToString());
        return true;
    }

    /// <summary>The header value: <c>name/version</c>, or the name alone when there is no version.</summary>
    public override string ToString() => Version is null ? Name ?? string.Empty : $"{Name}/{Version}";
}

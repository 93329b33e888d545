using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace WebhookSignatures.Tests.Vectors;

/// <summary>One signed delivery from the shared vector files (see Vectors/README.md).</summary>
public sealed record VectorCase(
    string Scheme,
    string Name,
    IReadOnlyList<string> Secrets,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string Body,
    long? NowUnixMs,
    int? ToleranceSeconds,
    bool ExpectedValid,
    string? ExpectedReason,
    int? ExpectedMatchedSecretIndex,
    long? ExpectedTimestampUnixMs,
    string? Url = null,
    string? Method = null)
{
    public byte[] BodyBytes => Encoding.UTF8.GetBytes(Body);

    /// <summary>The request line the sender signed, for the schemes that sign it; none when the case carries no URL.</summary>
    public WebhookRequestTarget Target => Url is null ? WebhookRequestTarget.None : new(Method ?? "POST", new Uri(Url, UriKind.Absolute));

    public WebhookHeaders CreateHeaders()
    {
        var headers = new WebhookHeaders();
        foreach (var (name, value) in Headers)
        {
            headers.Add(name, value);
        }

        return headers;
    }

    public WebhookSchemeOptions CreateOptions() => new()
    {
        TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(NowUnixMs ?? 0)),
        Tolerance = TimeSpan.FromSeconds(ToleranceSeconds ?? 300),
    };

    public override string ToString() => $"{Scheme}/{Name}";

    public static IReadOnlyList<VectorCase> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", file);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var scheme = document.RootElement.GetProperty("scheme").GetString()!;
        var cases = new List<VectorCase>();
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var expected = c.GetProperty("expected");
            cases.Add(new VectorCase(
                scheme,
                c.GetProperty("name").GetString()!,
                [.. c.GetProperty("secrets").EnumerateArray().Select(s => s.GetString()!)],
                [.. c.GetProperty("headers").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!))],
                c.GetProperty("body").GetString()!,
                Optional(c, "nowUnixMs")?.GetInt64(),
                Optional(c, "toleranceSeconds")?.GetInt32(),
                expected.GetProperty("valid").GetBoolean(),
                Optional(expected, "reason")?.GetString(),
                Optional(expected, "matchedSecretIndex")?.GetInt32(),
                Optional(expected, "timestampUnixMs")?.GetInt64(),
                Optional(c, "url")?.GetString(),
                Optional(c, "method")?.GetString()));
        }

        return cases;
    }

    private static JsonElement? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}

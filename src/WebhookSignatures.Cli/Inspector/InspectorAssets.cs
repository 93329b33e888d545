namespace WebhookSignatures.Cli.Inspector;

/// <summary>The inspector's stylesheet and script, embedded in the tool (no build step, nothing fetched).</summary>
internal static class InspectorAssets
{
    public static string Script { get; } = Read("inspector.js");

    public static string Stylesheet { get; } = Read("inspector.css");

    private static string Read(string name)
    {
        using var stream = typeof(InspectorAssets).Assembly.GetManifestResourceStream($"WebhookSignatures.Cli.Inspector.{name}")
            ?? throw new InvalidOperationException($"The inspector's {name} is not embedded in the tool.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

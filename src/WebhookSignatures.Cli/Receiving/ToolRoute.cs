namespace WebhookSignatures.Cli.Receiving;

/// <summary>Endpoint metadata for the tool's own routes (health, inspector): requests to them are not deliveries.</summary>
internal sealed class ToolRoute
{
    public static ToolRoute Instance { get; } = new();

    private ToolRoute()
    {
    }
}

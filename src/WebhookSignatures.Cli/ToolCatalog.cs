using WebhookSignatures.Ed25519;

namespace WebhookSignatures.Cli;

/// <summary>The schemes the tool knows by name: every built-in sender, with Ed25519 signatures.</summary>
internal static class ToolCatalog
{
    public static WebhookSchemeCatalog Schemes { get; } = WebhookSchemeCatalog.BuiltIn.WithEd25519();
}

namespace WebhookSignatures.Ed25519.Tests;

/// <summary>The catalog the tool and the ASP.NET Core package use: every built-in scheme with Ed25519 where a sender uses it.</summary>
internal static class Catalogs
{
    public static WebhookSchemeCatalog WithEd25519 { get; } = WebhookSchemeCatalog.BuiltIn.WithEd25519();
}

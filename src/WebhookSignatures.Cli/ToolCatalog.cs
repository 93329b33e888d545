using WebhookSignatures.Ed25519;

namespace WebhookSignatures.Cli;

/// <summary>
/// The tool's catalog (every built-in sender, with Ed25519 signatures) and the schemes of a catalog that <c>--scheme</c>
/// takes. A command reads its catalog from <see cref="CliContext.Schemes"/>, so a program embedding the command line adds
/// a scheme of its own with <see cref="WebhookSchemeCatalog.With(WebhookSchemeDescriptor)"/>.
/// </summary>
internal static class ToolCatalog
{
    /// <summary>The catalog the <c>webhooksig</c> tool runs with.</summary>
    public static WebhookSchemeCatalog Schemes { get; } = WebhookSchemeCatalog.BuiltIn.WithEd25519();

    /// <summary>
    /// The schemes <c>--scheme</c> takes, in the catalog's order: those that sign, as sign, send and demo need a signer.
    /// The tool never implements a scheme itself.
    /// </summary>
    public static IReadOnlyList<WebhookSchemeDescriptor> Accepted(this WebhookSchemeCatalog catalog) => [.. catalog.All.Where(static s => s.CanSign)];

    /// <summary>The names of <see cref="Accepted"/>, as <c>--scheme</c> takes them.</summary>
    public static IReadOnlyList<string> AcceptedNames(this WebhookSchemeCatalog catalog) => [.. catalog.All.Where(static s => s.CanSign).Select(static s => s.Name)];
}

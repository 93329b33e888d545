namespace WebhookSignatures.Tests.Vectors;

/// <summary>The scheme each vector file exercises, built with the case's clock and tolerance.</summary>
public static class VectorSchemes
{
    public static WebhookScheme Create(VectorCase vector) => WebhookSchemeCatalog.BuiltIn.Get(vector.Scheme).Create(vector.CreateOptions());
}

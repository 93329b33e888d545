namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>
/// The tests that run documented programs in the test process share one collection, so they run one after another:
/// a sending example's environment variable and console belong to the whole process while it runs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DocumentedPrograms
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Documented programs";
}

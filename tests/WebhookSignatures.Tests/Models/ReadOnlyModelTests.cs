using System.Reflection;
using WebhookSignatures.Models.Infisical;
using WebhookSignatures.Models.Snyk;

namespace WebhookSignatures.Tests.Models;

/// <summary>
/// The payload models are read-only views that only the parsers make: outside the library nothing can construct one or
/// change a member of one, so a handler never sees an event another handler altered.
/// </summary>
public sealed class ReadOnlyModelTests
{
    public static TheoryData<Type> ModelTypes() => [.. Models()];

    private static List<Type> Models() =>
        typeof(InfisicalWebhook).Assembly.GetExportedTypes()
            .Where(type => type.IsClass && !type.IsAbstract
                && (type.Namespace == typeof(InfisicalWebhook).Namespace || type.Namespace == typeof(SnykEvent).Namespace))
            .ToList();

    [Fact]
    public void Both_senders_models_are_covered()
    {
        var types = Models();

        types.Should().Contain([typeof(InfisicalSecretsModifiedEvent), typeof(InfisicalProject), typeof(SnykPingEvent), typeof(SnykIssue)]);
        types.Should().HaveCountGreaterThan(30);
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void A_model_has_no_public_constructor_and_no_public_setter(Type type)
    {
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Should().BeEmpty();
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true })
            .Select(property => property.Name)
            .Should().BeEmpty();
    }

    [Fact]
    public void A_parsed_model_still_carries_every_member_the_body_had()
    {
        var body = """{"event":"secrets.modified","project":{"projectId":"p1","environment":"prod","secretPath":"/api","extra":1},"timestamp":1712345678901}"""u8;

        var parsed = InfisicalWebhookParser.Parse(body).GetValueOrThrow();

        var modified = parsed.Should().BeOfType<InfisicalSecretsModifiedEvent>().Subject;
        modified.Project!.ProjectId.Should().Be("p1");
        modified.Project.Environment.Should().Be("prod");
        modified.Project.SecretPath.Should().Be("/api");
        modified.Project.AdditionalProperties.Should().ContainKey("extra");
        modified.Timestamp.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1712345678901));
    }
}

using WebhookSignatures.Models.Infisical;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Tests.Vectors;

namespace WebhookSignatures.Tests.Models;

/// <summary>The Infisical vector bodies, verified and then parsed, give the right models and values.</summary>
public sealed class InfisicalVectorParsingTests
{
    public static TheoryData<VectorCase> ValidCases => [.. VectorCase.Load("infisical.json").Where(c => c.ExpectedValid)];

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Every_valid_vector_body_verifies_and_parses_to_a_known_model_with_its_signed_timestamp(VectorCase vector)
    {
        var scheme = new InfisicalSignature(vector.CreateOptions());
        using var keys = scheme.CreateKeyRing(vector.Secrets);
        scheme.Verify(new(vector.CreateHeaders(), vector.BodyBytes), keys).IsValid.Should().BeTrue();

        var result = InfisicalWebhookParser.Parse(vector.BodyBytes);

        result.IsSuccess.Should().BeTrue(result.ErrorMessage);
        result.Value.Should().NotBeOfType<InfisicalUnknownEvent>();
        result.Value!.TimestampUnixMs.Should().Be(vector.ExpectedTimestampUnixMs);
        result.Value.AdditionalProperties.Should().BeNull("every member of the vector bodies is modelled");
    }

    [Fact]
    public void Secrets_modified_vector_parses_every_project_field()
    {
        var webhook = Parse("secrets-modified");

        var modified = webhook.Should().BeOfType<InfisicalSecretsModifiedEvent>().Subject;
        modified.Event.Should().Be(InfisicalEventNames.SecretsModified);
        modified.Timestamp.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1712345678901));
        var project = modified.Project!;
        project.WorkspaceId.Should().Be("proj-1");
        project.ProjectId.Should().Be("proj-1");
        project.ProjectName.Should().Be("Secrets management");
        project.Environment.Should().Be("prod");
        project.EnvironmentName.Should().Be("Production");
        project.SecretPath.Should().Be("/api");
        project.ChangedBy.Should().Be("Ada Lovelace");
        project.ChangedByActorType.Should().Be(InfisicalActorTypes.User);
        project.SecretName.Should().BeNull();
        project.ReminderNote.Should().BeNull();
        project.TriggeredManually.Should().BeNull();
    }

    [Fact]
    public void Reminder_expired_vector_parses_secret_name_and_note()
    {
        var webhook = Parse("reminder-expired");

        var reminder = webhook.Should().BeOfType<InfisicalSecretReminderExpiredEvent>().Subject;
        reminder.Event.Should().Be("secrets.reminder-expired");
        reminder.Project!.WorkspaceId.Should().Be("ws-7");
        reminder.Project.ProjectName.Should().Be("Payments");
        reminder.Project.Environment.Should().Be("staging");
        reminder.Project.SecretPath.Should().Be("/stripe");
        reminder.Project.SecretName.Should().Be("STRIPE_KEY");
        reminder.Project.ReminderNote.Should().Be("rotate quarterly");
        reminder.Project.EnvironmentName.Should().BeNull("the sender left it out");
    }

    [Fact]
    public void Test_vector_with_undefined_fields_dropped_parses_with_those_fields_null()
    {
        var webhook = Parse("test-event-undefined-fields-dropped");

        var test = webhook.Should().BeOfType<InfisicalTestEvent>().Subject;
        test.Event.Should().Be("test");
        test.Project!.ProjectName.Should().Be("P");
        test.Project.Environment.Should().Be("dev");
        test.Project.SecretPath.Should().Be("/");
        test.Project.EnvironmentName.Should().BeNull();
        test.Project.ChangedBy.Should().BeNull();
    }

    [Fact]
    public void Slack_vector_body_without_event_is_detected_as_a_slack_message()
    {
        var webhook = Parse("slack-type-body");

        var slack = webhook.Should().BeOfType<InfisicalSlackMessage>().Subject;
        slack.Text.Should().Be("A secret value has been added or modified.");
        slack.TimestampUnixMs.Should().Be(1712345678901);
        var attachment = slack.Attachments.Should().ContainSingle().Subject;
        attachment.Color.Should().Be("#E7F256");
        attachment.Fields!.Select(f => (f.Title, f.Value, f.IsShort)).Should().Equal(
            ("Project", "Secrets management", false),
            ("Environment", "prod", false),
            ("Secret Path", "/api", false));
    }

    private static InfisicalWebhook Parse(string name)
    {
        var vector = VectorCase.Load("infisical.json").Single(c => c.Name == name);
        return InfisicalWebhookParser.Parse(vector.BodyBytes).GetValueOrThrow();
    }
}

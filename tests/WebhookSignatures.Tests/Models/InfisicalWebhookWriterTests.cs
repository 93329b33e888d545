using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Models.Infisical;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Tests.Vectors;

namespace WebhookSignatures.Tests.Models;

/// <summary>Models become the exact bytes Infisical's sender signs, and survive sign, verify and parse.</summary>
public sealed class InfisicalWebhookWriterTests
{
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeMilliseconds(1712345678901);

    [Fact]
    public void A_secrets_modified_model_signs_to_the_same_body_and_header_as_infisicals_sender()
    {
        var model = new InfisicalSecretsModifiedEvent
        {
            Project = new InfisicalProject
            {
                WorkspaceId = "proj-1",
                ProjectId = "proj-1",
                ProjectName = "Secrets management",
                Environment = "prod",
                EnvironmentName = "Production",
                SecretPath = "/api",
                ChangedBy = "Ada Lovelace",
                ChangedByActorType = InfisicalActorTypes.User,
            },
        };

        AssertSignsLikeVector(model, "secrets-modified");
    }

    [Fact]
    public void A_test_model_with_unset_fields_signs_like_the_sender_that_drops_undefined()
    {
        var model = new InfisicalTestEvent
        {
            Project = new InfisicalProject { WorkspaceId = "proj-1", ProjectId = "proj-1", ProjectName = "P", Environment = "dev", SecretPath = "/" },
        };

        AssertSignsLikeVector(model, "test-event-undefined-fields-dropped");
    }

    [Fact]
    public void A_slack_model_signs_to_the_same_body_and_header_as_infisicals_sender()
    {
        var model = new InfisicalSlackMessage
        {
            Text = "A secret value has been added or modified.",
            Attachments =
            [
                new InfisicalSlackAttachment
                {
                    Color = "#E7F256",
                    Fields =
                    [
                        new InfisicalSlackField { Title = "Project", Value = "Secrets management", IsShort = false },
                        new InfisicalSlackField { Title = "Environment", Value = "prod", IsShort = false },
                        new InfisicalSlackField { Title = "Secret Path", Value = "/api", IsShort = false },
                    ],
                },
            ],
        };

        AssertSignsLikeVector(model, "slack-type-body");
    }

    [Theory]
    [InlineData("secrets-modified")]
    [InlineData("reminder-expired")]
    [InlineData("test-event-undefined-fields-dropped")]
    [InlineData("slack-type-body")]
    public void A_parsed_vector_body_writes_back_to_its_exact_bytes_without_the_timestamp(string name)
    {
        var vector = VectorCase.Load("infisical.json").Single(c => c.Name == name);
        var parsed = InfisicalWebhookParser.Parse(vector.BodyBytes).GetValueOrThrow();

        var bytes = InfisicalWebhookWriter.ToJsonBytes(parsed);

        Encoding.UTF8.GetString(bytes).Should().Be(vector.Body.Replace(",\"timestamp\":1712345678901", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void The_output_is_compact_starts_with_the_event_and_never_has_a_timestamp()
    {
        var model = new InfisicalSecretReminderExpiredEvent
        {
            TimestampUnixMs = 1712345678901,
            Project = new InfisicalProject { SecretName = "KEY" },
        };

        var json = Encoding.UTF8.GetString(InfisicalWebhookWriter.ToJsonBytes(model));

        json.Should().Be("""{"event":"secrets.reminder-expired","project":{"secretName":"KEY"}}""");
    }

    [Fact]
    public void Non_ascii_and_html_characters_stay_as_utf8_while_quotes_and_controls_are_escaped()
    {
        var model = new InfisicalTestEvent { Project = new InfisicalProject { ProjectName = "Über 日本 <b>&'\"\\\n" } };

        var json = Encoding.UTF8.GetString(InfisicalWebhookWriter.ToJsonBytes(model));

        json.Should().Be("{\"event\":\"test\",\"project\":{\"projectName\":\"Über 日本 <b>&'\\\"\\\\\\n\"}}");
    }

    [Fact]
    public void Characters_outside_the_basic_plane_are_escaped_and_read_back_unchanged()
    {
        var model = new InfisicalTestEvent { Project = new InfisicalProject { ProjectName = "rocket 🚀" } };
        var bytes = InfisicalWebhookWriter.ToJsonBytes(model);

        Encoding.UTF8.GetString(bytes).Should().Contain("\\uD83D\\uDE80");
        ((InfisicalTestEvent)InfisicalWebhookParser.Parse(bytes).GetValueOrThrow()).Project!.ProjectName.Should().Be("rocket 🚀");
    }

    [Fact]
    public void A_model_signs_verifies_and_parses_back_to_the_same_values()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 4, 0, 0, TimeSpan.Zero));
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets("a-long-enough-secret-value");
        var model = new InfisicalAccessRequestModifiedEvent
        {
            Action = "reviewed",
            Project = new InfisicalProjectReference { Id = "proj-1", Name = "Payments" },
            Request = new InfisicalAccessRequest
            {
                Id = "areq-1",
                Status = "approved",
                RequestedAccess = new InfisicalRequestedAccess
                {
                    IsTemporary = true,
                    Permissions = [new InfisicalPermissionRule { Subject = "secrets", Actions = ["read"] }],
                },
                ExpiresAt = new DateTimeOffset(2026, 11, 26, 4, 0, 0, TimeSpan.Zero),
            },
        };

        var signed = InfisicalWebhookWriter.Sign(model, keys, scheme: scheme);
        clock.Advance(TimeSpan.FromSeconds(30));
        var verified = scheme.Verify(new(signed.Headers, signed.Body.Span), keys);
        var parsed = InfisicalWebhookParser.Parse(signed.Body.Span).GetValueOrThrow();

        verified.IsValid.Should().BeTrue();
        verified.TimestampUnixMs.Should().Be(signed.TimestampUnixMs);
        parsed.TimestampUnixMs.Should().Be(clock.Start.ToUnixTimeMilliseconds());
        parsed.Should().BeOfType<InfisicalAccessRequestModifiedEvent>()
            .Which.Should().BeEquivalentTo(model, options => options.Excluding(m => m.TimestampUnixMs).Excluding(m => m.Timestamp));
    }

    [Fact]
    public void Additional_properties_are_written_back_so_forwarding_loses_nothing()
    {
        var parsed = InfisicalWebhookParser.Parse("""{"event":"test","project":{"projectId":"p","tier":"gold"},"region":"eu","timestamp":1}"""u8).GetValueOrThrow();

        var json = Encoding.UTF8.GetString(InfisicalWebhookWriter.ToJsonBytes(parsed));

        json.Should().Be("""{"event":"test","project":{"projectId":"p","tier":"gold"},"region":"eu"}""");
    }

    [Fact]
    public void An_unknown_event_is_written_from_its_raw_body_without_the_timestamp()
    {
        var parsed = InfisicalWebhookParser.Parse("""{"event":"future","timestamp":1,"data":{"a":[1,2]}}"""u8).GetValueOrThrow();

        var json = Encoding.UTF8.GetString(InfisicalWebhookWriter.ToJsonBytes(parsed));

        json.Should().Be("""{"event":"future","data":{"a":[1,2]}}""");
    }

    [Fact]
    public void A_timestamp_smuggled_into_additional_properties_is_refused()
    {
        using var document = JsonDocument.Parse("1");
        var model = new InfisicalTestEvent
        {
            AdditionalProperties = new Dictionary<string, JsonElement> { ["timestamp"] = document.RootElement.Clone() },
        };

        var act = () => InfisicalWebhookWriter.ToJsonBytes(model);

        act.Should().Throw<ArgumentException>().WithMessage("*timestamp*");
    }

    private static void AssertSignsLikeVector(InfisicalWebhook model, string vectorName)
    {
        var vector = VectorCase.Load("infisical.json").Single(c => c.Name == vectorName);
        using var keys = KeyRing.FromSecrets(vector.Secrets);

        var signed = InfisicalWebhookWriter.Sign(model, keys, VectorTime);

        Encoding.UTF8.GetString(signed.Body.Span).Should().Be(vector.Body);
        signed.Headers.GetValue(InfisicalSignature.SignatureHeaderName).Should().Be(vector.Headers.Single().Value);
    }
}

using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Models.Snyk;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Tests.Vectors;

namespace WebhookSignatures.Tests.Models;

/// <summary>Snyk models become signed deliveries that verify and parse back, with the descriptive headers set.</summary>
public sealed class SnykWebhookWriterTests
{
    [Fact]
    public void A_ping_model_signs_to_the_vectors_body_and_signature_with_snyks_headers()
    {
        var vector = VectorCase.Load("snyk.json").Single(c => c.Name == "ping");
        using var keys = KeyRing.FromSecrets(vector.Secrets);
        var transportId = Guid.Parse("998fe884-18a0-45db-8ae0-e379eea3bc0a");

        var signed = SnykWebhookWriter.Sign(
            new SnykPingEvent { WebhookId = "d3cf26b3-2d77-497b-bce2-23b33cc15362" },
            keys,
            transportId,
            new DateTimeOffset(2020, 9, 25, 15, 27, 53, TimeSpan.Zero));

        Encoding.UTF8.GetString(signed.Body.Span).Should().Be(vector.Body);
        signed.Headers.GetValue("X-Hub-Signature").Should().Be(vector.Headers.Single().Value);
        signed.Headers.GetValue("X-Snyk-Event").Should().Be("ping/v0");
        signed.Headers.GetValue("X-Snyk-Transport-ID").Should().Be("998fe884-18a0-45db-8ae0-e379eea3bc0a");
        signed.Headers.GetValue("X-Snyk-Timestamp").Should().Be("2020-09-25T15:27:53Z");
    }

    [Fact]
    public void A_snapshot_signs_verifies_and_parses_back_to_the_same_values()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 4, 30, 0, TimeSpan.Zero));
        var scheme = new SnykSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets("a8be22bb7bed43a3ac24de3580093560");
        var model = new SnykProjectSnapshotEvent
        {
            Project = new SnykProject
            {
                Id = "p-1",
                Name = "shop:package.json",
                TotalDependencies = 12,
                IssueCountsBySeverity = new SnykIssueCounts { Low = 1, Critical = 0 },
                Tags = [new SnykTag { Key = "team", Value = "payments" }],
            },
            Org = new SnykOrganization { Id = "o-1", Name = "Ünïcode Org" },
            NewIssues =
            [
                new SnykIssue
                {
                    Id = "SNYK-1",
                    IssueData = new SnykIssueData { Severity = "critical", CvssScore = 9.8, Identifiers = new SnykIdentifiers { Cve = ["CVE-2026-1"] } },
                    Priority = new SnykPriority { Score = 870, Factors = [new SnykPriorityFactor { Name = "isFixable" }] },
                },
            ],
            RemovedIssues = [],
        };

        var signed = SnykWebhookWriter.Sign(model, keys, timestamp: clock.GetUtcNow(), scheme: scheme);
        var verified = scheme.Verify(new(signed.Headers, signed.Body.Span), keys);
        var parsed = SnykWebhookParser.Parse(signed.Headers, signed.Body.Span).GetValueOrThrow();

        verified.IsValid.Should().BeTrue();
        Encoding.UTF8.GetString(signed.Body.Span).Should().Contain("\"CVE\":[\"CVE-2026-1\"]").And.Contain("Ünïcode");
        parsed.Should().BeOfType<SnykProjectSnapshotEvent>().Which.Should().BeEquivalentTo(model);
        SnykDeliveryHeaders.Read(signed.Headers).Timestamp.Should().Be(clock.GetUtcNow());
        SnykDeliveryHeaders.Read(signed.Headers).TransportId.Should().NotBeNull();
    }

    [Fact]
    public void An_unknown_event_is_written_from_its_raw_body_under_its_own_header()
    {
        var parsed = SnykWebhookParser.Parse("project_deleted/v2", """{ "id" : "p-1" }"""u8).GetValueOrThrow();
        using var keys = KeyRing.FromSecrets("secret-for-unknown-event");

        var signed = SnykWebhookWriter.Sign(parsed, keys);

        Encoding.UTF8.GetString(signed.Body.Span).Should().Be("""{"id":"p-1"}""");
        signed.Headers.GetValue("X-Snyk-Event").Should().Be("project_deleted/v2");
    }

    [Fact]
    public void An_event_without_a_name_cannot_be_signed()
    {
        using var keys = KeyRing.FromSecrets("secret-for-nameless-event");
        var ping = new SnykPingEvent { EventHeader = default };

        var act = () => SnykWebhookWriter.Sign(ping, keys);

        act.Should().Throw<ArgumentException>().WithMessage("*X-Snyk-Event*");
    }
}

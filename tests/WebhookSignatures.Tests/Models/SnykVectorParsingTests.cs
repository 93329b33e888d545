using WebhookSignatures.Models.Snyk;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Tests.Vectors;

namespace WebhookSignatures.Tests.Models;

/// <summary>The Snyk vector bodies, verified and then parsed under their event header, give the right models and values.</summary>
public sealed class SnykVectorParsingTests
{
    public static TheoryData<VectorCase> ValidCases => [.. VectorCase.Load("snyk.json").Where(c => c.ExpectedValid)];

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Every_valid_vector_body_verifies_and_parses_to_the_event_its_shape_belongs_to(VectorCase vector)
    {
        using var keys = SnykSignature.Default.CreateKeyRing(vector.Secrets);
        SnykSignature.Default.Verify(new(vector.CreateHeaders(), vector.BodyBytes), keys).IsValid.Should().BeTrue();
        var isSnapshot = vector.Body.Contains("\"newIssues\"", StringComparison.Ordinal);

        var result = SnykWebhookParser.Parse(isSnapshot ? "project_snapshot/v0" : "ping/v0", vector.BodyBytes);

        result.IsSuccess.Should().BeTrue(result.ErrorMessage);
        result.Value.Should().BeOfType(isSnapshot ? typeof(SnykProjectSnapshotEvent) : typeof(SnykPingEvent));
    }

    [Fact]
    public void Ping_vector_parses_the_webhook_id_and_keeps_the_header_version()
    {
        var headers = new WebhookHeaders { { "X-Snyk-Event", "ping/v0" } };

        var result = SnykWebhookParser.Parse(headers, Body("ping"));

        var ping = result.GetValueOrThrow().Should().BeOfType<SnykPingEvent>().Subject;
        ping.WebhookId.Should().Be("d3cf26b3-2d77-497b-bce2-23b33cc15362");
        ping.EventHeader.Should().Be(new SnykEventHeader("ping", "v0"));
    }

    [Fact]
    public void Project_snapshot_vector_parses_project_org_and_group()
    {
        var snapshot = ParseSnapshot();

        var project = snapshot.Project!;
        project.Name.Should().Be("snyk/goof:package.json");
        project.Id.Should().Be("af137b96-6966-46c1-826b-2e79ac49bbd9");
        project.Created.Should().Be(new DateTimeOffset(2018, 10, 29, 9, 50, 54, 14, TimeSpan.Zero));
        project.Origin.Should().Be("github");
        project.Type.Should().Be("npm");
        project.ReadOnly.Should().BeFalse();
        project.TestFrequency.Should().Be("daily");
        project.TotalDependencies.Should().Be(438);
        project.IssueCountsBySeverity!.Low.Should().Be(8);
        project.IssueCountsBySeverity.Medium.Should().Be(15);
        project.IssueCountsBySeverity.High.Should().Be(10);
        project.IssueCountsBySeverity.Critical.Should().Be(1);
        project.RemoteRepoUrl.Should().Be("https://github.com/snyk/goof.git");
        project.LastTestedDate.Should().Be(new DateTimeOffset(2019, 2, 5, 6, 21, 0, TimeSpan.Zero));
        project.BrowseUrl.Should().Be("https://app.snyk.io/org/my-org/project/af137b96-6966-46c1-826b-2e79ac49bbd9");
        project.ImportingUser!.Id.Should().Be("e713cf94-bb02-4ea0-89d9-613cce0caed2");
        project.ImportingUser.Name.Should().Be("example-user@snyk.io");
        project.ImportingUser.Username.Should().Be("exampleUser");
        project.ImportingUser.Email.Should().Be("example-user@snyk.io");
        project.IsMonitored.Should().BeTrue();
        project.Branch.Should().BeNull();
        project.TargetReference.Should().BeNull();
        project.ImageId.Should().BeNull("an npm project has no image");
        project.Tags.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Key = "example-tag-key", Value = "example-tag-value" });
        project.Attributes!.Criticality.Should().Equal("high");
        project.Attributes.Environment.Should().Equal("backend");
        project.Attributes.Lifecycle.Should().Equal("development");
        project.Remediation!.Upgrade!.Value.EnumerateObject().Should().BeEmpty();
        project.Remediation.Patch.Should().NotBeNull();
        project.Remediation.Pin.Should().NotBeNull();

        snapshot.Org!.Name.Should().Be("My Org");
        snapshot.Org.Id.Should().Be("a04d9cbd-ae6e-44af-b573-0556b0ad4bd2");
        snapshot.Org.Slug.Should().Be("my-org");
        snapshot.Org.Url.Should().Be("https://app.snyk.io/org/my-org");
        snapshot.Org.Created.Should().Be(new DateTimeOffset(2020, 11, 18, 10, 39, 0, 983, TimeSpan.Zero));
        snapshot.Group!.Name.Should().Be("ACME Inc.");
        snapshot.Group.Id.Should().Be("a060a49f-636e-480f-9e14-38e773b2a97f");
        snapshot.RemovedIssues.Should().BeEmpty();
        snapshot.AdditionalProperties.Should().BeNull();
    }

    [Fact]
    public void Project_snapshot_vector_parses_the_new_issue_in_full()
    {
        var issue = ParseSnapshot().NewIssues.Should().ContainSingle().Subject;

        issue.Id.Should().Be("npm:ms:20170412");
        issue.IssueType.Should().Be("vuln");
        issue.PkgName.Should().Be("ms");
        issue.PkgVersions.Should().Equal("0.7.1");
        issue.IsPatched.Should().BeFalse();
        issue.IsIgnored.Should().BeFalse();
        issue.FixInfo!.IsUpgradable.Should().BeFalse();
        issue.FixInfo.IsPinnable.Should().BeFalse();
        issue.FixInfo.IsPatchable.Should().BeTrue();
        issue.FixInfo.NearestFixedInVersion.Should().Be("2.0.0");
        issue.Priority!.Score.Should().Be(399);
        issue.Priority.Factors!.Select(f => (f.Name, f.Description)).Should().Equal(
            ("isFixable", "Has a fix available"), ("cvssScore", "CVSS 3.7"));

        var data = issue.IssueData!;
        data.Id.Should().Be("npm:ms:20170412");
        data.Title.Should().Be("Regular Expression Denial of Service (ReDoS)");
        data.Severity.Should().Be("low");
        data.Url.Should().Be("https://snyk.io/vuln/npm:ms:20170412");
        data.Description.Should().Be("ReDoS in ms");
        data.Identifiers!.Cve.Should().BeEmpty();
        data.Identifiers.Cwe.Should().Equal("CWE-400");
        data.Identifiers.Alternative.Should().Equal("SNYK-JS-MS-10509");
        data.Credit.Should().Equal("Snyk Security Research Team");
        data.ExploitMaturity.Should().Be("no-known-exploit");
        data.Semver!.Vulnerable.Should().Equal(">=0.7.1 <2.0.0");
        data.PublicationTime.Should().Be(new DateTimeOffset(2017, 5, 15, 6, 2, 45, TimeSpan.Zero));
        data.DisclosureTime.Should().Be(new DateTimeOffset(2017, 4, 11, 21, 0, 0, TimeSpan.Zero));
        data.CvssV3.Should().Be("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L");
        data.CvssScore.Should().Be(3.7);
        data.Language.Should().Be("js");
        data.NearestFixedInVersion.Should().Be("2.0.0");
        var patch = data.Patches.Should().ContainSingle().Subject;
        patch.Id.Should().Be("patch:npm:ms:20170412:0");
        patch.Urls.Should().Equal("https://snyk-patches.s3.amazonaws.com/npm/ms/20170412/ms_100.patch");
        patch.Version.Should().Be("=1.0.0");
        patch.Comments.Should().BeEmpty();
        patch.ModificationTime.Should().Be(new DateTimeOffset(2019, 12, 3, 11, 40, 45, TimeSpan.Zero).AddTicks(8639640));
    }

    private static SnykProjectSnapshotEvent ParseSnapshot()
    {
        var result = SnykWebhookParser.Parse("project_snapshot/v0", Body("project-snapshot"));
        var snapshot = result.GetValueOrThrow().Should().BeOfType<SnykProjectSnapshotEvent>().Subject;
        snapshot.EventHeader.Should().Be(new SnykEventHeader("project_snapshot", "v0"));
        return snapshot;
    }

    private static byte[] Body(string name) => VectorCase.Load("snyk.json").Single(c => c.Name == name).BodyBytes;
}

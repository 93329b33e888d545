using System.Text;
using WebhookSignatures.Models;
using WebhookSignatures.Models.Snyk;

namespace WebhookSignatures.Tests.Models;

/// <summary>How the Snyk parser picks an event by header name, tolerates newer payloads and reports bad input.</summary>
public sealed class SnykWebhookParserTests
{
    [Fact]
    public void The_event_is_chosen_by_name_so_a_newer_version_still_parses_and_keeps_its_version()
    {
        var result = SnykWebhookParser.Parse("ping/v1", """{"webhookId":"w-1","extra":true}"""u8);

        var ping = result.GetValueOrThrow().Should().BeOfType<SnykPingEvent>().Subject;
        ping.WebhookId.Should().Be("w-1");
        ping.EventHeader.Version.Should().Be("v1");
    }

    [Fact]
    public void An_unknown_event_keeps_its_header_and_whole_body_beyond_the_buffer()
    {
        var buffer = Encoding.UTF8.GetBytes("""{"project":{"id":"p-1"},"reason":"deleted"}""");

        var result = SnykWebhookParser.Parse("project_deleted/v2", buffer);
        Array.Fill(buffer, (byte)'x');

        var unknown = result.GetValueOrThrow().Should().BeOfType<SnykUnknownEvent>().Subject;
        unknown.EventHeader.Should().Be(new SnykEventHeader("project_deleted", "v2"));
        unknown.Raw.GetProperty("reason").GetString().Should().Be("deleted");
        unknown.Raw.GetProperty("project").GetProperty("id").GetString().Should().Be("p-1");
    }

    [Fact]
    public void Future_members_of_a_snapshot_are_kept_and_a_missing_group_is_null()
    {
        var body = """{"project":{"id":"p-1","imageId":"sha256:abc","imageTag":"1.2","imageBaseImage":"node:20","imagePlatform":"linux/amd64","riskScore":7},"org":{"id":"o-1"},"newIssues":[{"id":"i-1","issueData":{"identifiers":{"CVE":["CVE-2024-1"],"GHSA":["GHSA-x"]}},"fixInfo":{"upgradePaths":[]}}],"removedIssues":[],"snapshotId":"s-1"}""";

        var snapshot = SnykWebhookParser.Parse("project_snapshot/v0", Encoding.UTF8.GetBytes(body))
            .GetValueOrThrow().Should().BeOfType<SnykProjectSnapshotEvent>().Subject;

        snapshot.Group.Should().BeNull();
        snapshot.Project!.ImageId.Should().Be("sha256:abc");
        snapshot.Project.ImageTag.Should().Be("1.2");
        snapshot.Project.ImageBaseImage.Should().Be("node:20");
        snapshot.Project.ImagePlatform.Should().Be("linux/amd64");
        snapshot.Project.AdditionalProperties!["riskScore"].GetInt32().Should().Be(7);
        snapshot.AdditionalProperties!["snapshotId"].GetString().Should().Be("s-1");
        var issue = snapshot.NewIssues.Should().ContainSingle().Subject;
        issue.IssueData!.Identifiers!.Cve.Should().Equal("CVE-2024-1");
        issue.IssueData.Identifiers.AdditionalProperties!["GHSA"][0].GetString().Should().Be("GHSA-x");
        issue.FixInfo!.AdditionalProperties.Should().ContainKey("upgradePaths");
    }

    [Fact]
    public void A_body_split_across_buffers_parses_like_the_same_bytes_in_one()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"webhookId":"split-1"}""");
        var sequence = Segments.Split(bytes, 7);
        var headers = new WebhookHeaders { { "X-Snyk-Event", "ping/v0" } };

        var result = SnykWebhookParser.Parse(headers, sequence);

        result.GetValueOrThrow().Should().BeOfType<SnykPingEvent>().Which.WebhookId.Should().Be("split-1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/v0")]
    public void A_missing_event_header_is_reported_as_a_missing_event_name(string? header)
    {
        var result = SnykWebhookParser.Parse(header, """{"webhookId":"w"}"""u8);

        result.Error.Should().Be(WebhookParseError.MissingEventName);
        result.ErrorMessage.Should().Contain("X-Snyk-Event");
    }

    [Fact]
    public void Headers_without_the_event_header_are_reported_as_a_missing_event_name()
    {
        SnykWebhookParser.Parse(new WebhookHeaders(), "{}"u8).Error.Should().Be(WebhookParseError.MissingEventName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"webhookId\":}")]
    [InlineData("{} []")]
    public void Malformed_json_is_reported_as_malformed_for_known_and_unknown_events(string body)
    {
        SnykWebhookParser.Parse("ping/v0", Encoding.UTF8.GetBytes(body)).Error.Should().Be(WebhookParseError.MalformedJson);
        SnykWebhookParser.Parse("future/v0", Encoding.UTF8.GetBytes(body)).Error.Should().Be(WebhookParseError.MalformedJson);
    }

    [Theory]
    [InlineData("ping/v0", "[]")]
    [InlineData("future/v0", "\"text\"")]
    [InlineData("ping/v0", "{\"webhookId\":42}")]
    [InlineData("project_snapshot/v0", "{\"project\":[]}")]
    [InlineData("project_snapshot/v0", "{\"project\":{\"totalDependencies\":\"many\"}}")]
    [InlineData("project_snapshot/v0", "{\"project\":{\"totalDependencies\":1e40}}")]
    [InlineData("project_snapshot/v0", "{\"newIssues\":[{\"issueData\":{\"cvssScore\":\"high\"}}]}")]
    [InlineData("project_snapshot/v0", "{\"org\":{\"created\":\"last year\"}}")]
    public void Json_of_the_wrong_shape_is_reported_as_wrong_shape(string header, string body)
    {
        var result = SnykWebhookParser.Parse(header, Encoding.UTF8.GetBytes(body));

        result.Error.Should().Be(WebhookParseError.WrongShape);
        result.ErrorMessage.Should().NotBeNullOrEmpty();
    }
}

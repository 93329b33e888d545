using System.Text;
using WebhookSignatures.Models;
using WebhookSignatures.Models.Infisical;

namespace WebhookSignatures.Tests.Models;

/// <summary>How the Infisical parser picks a model, tolerates newer senders and reports bad bodies.</summary>
public sealed class InfisicalWebhookParserTests
{
    [Fact]
    public void Future_members_at_every_level_are_kept_and_known_members_still_parse()
    {
        var body = """{"event":"secrets.modified","project":{"projectId":"p1","secretPath":"/api","branch":"main"},"actor":{"id":7},"timestamp":1712345678901}""";

        var modified = Parse(body).Should().BeOfType<InfisicalSecretsModifiedEvent>().Subject;

        modified.Project!.ProjectId.Should().Be("p1");
        modified.Project.SecretPath.Should().Be("/api");
        modified.Project.AdditionalProperties!["branch"].GetString().Should().Be("main");
        modified.AdditionalProperties!.Keys.Should().Equal("actor");
        modified.AdditionalProperties["actor"].GetProperty("id").GetInt32().Should().Be(7);
        modified.TimestampUnixMs.Should().Be(1712345678901);
    }

    [Fact]
    public void An_unknown_event_keeps_its_name_timestamp_and_whole_body()
    {
        var body = """{"event":"secrets.imported","project":{"projectId":"p1"},"count":3,"timestamp":1712345678901}""";

        var unknown = Parse(body).Should().BeOfType<InfisicalUnknownEvent>().Subject;

        unknown.Event.Should().Be("secrets.imported");
        unknown.TimestampUnixMs.Should().Be(1712345678901);
        unknown.Raw.GetProperty("count").GetInt32().Should().Be(3);
        unknown.Raw.GetRawText().Should().Be(body);
    }

    [Fact]
    public void An_unknown_events_raw_body_outlives_the_buffer_it_was_parsed_from()
    {
        var buffer = Encoding.UTF8.GetBytes("""{"event":"future.event","value":"kept","timestamp":1}""");
        var unknown = (InfisicalUnknownEvent)InfisicalWebhookParser.Parse(buffer).GetValueOrThrow();

        Array.Fill(buffer, (byte)' ');

        unknown.Raw.GetProperty("value").GetString().Should().Be("kept");
    }

    [Fact]
    public void An_object_with_no_event_and_no_message_shape_is_unknown_without_a_name()
    {
        var unknown = Parse("""{"kind":"discord","timestamp":5}""").Should().BeOfType<InfisicalUnknownEvent>().Subject;

        unknown.Event.Should().BeNull();
        unknown.TimestampUnixMs.Should().Be(5);
    }

    [Fact]
    public void Event_names_match_exactly_so_a_different_case_is_unknown()
    {
        Parse("""{"event":"Secrets.Modified","timestamp":1}""").Should().BeOfType<InfisicalUnknownEvent>()
            .Which.Event.Should().Be("Secrets.Modified");
    }

    [Fact]
    public void A_teams_body_is_detected_by_its_message_type_and_its_card_parses()
    {
        var body = """
            {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
            "content":{"type":"AdaptiveCard","version":"1.2","body":[
            {"type":"TextBlock","size":"Medium","weight":"Bolder","text":"A secret rotation has failed."},
            {"type":"FactSet","facts":[{"title":"Rotation Name","value":"db-password"},{"title":"Triggered Manually","value":"No"}]}]}}],
            "timestamp":1712345678901}
            """;

        var teams = Parse(body).Should().BeOfType<InfisicalTeamsMessage>().Subject;

        teams.Type.Should().Be(InfisicalTeamsMessage.MessageType);
        teams.TimestampUnixMs.Should().Be(1712345678901);
        var attachment = teams.Attachments.Should().ContainSingle().Subject;
        attachment.ContentType.Should().Be(InfisicalTeamsAttachment.AdaptiveCardContentType);
        attachment.ContentUrl.Should().BeNull();
        attachment.Content!.Type.Should().Be("AdaptiveCard");
        attachment.Content.Version.Should().Be("1.2");
        attachment.Content.Body![0].Text.Should().Be("A secret rotation has failed.");
        attachment.Content.Body[0].Weight.Should().Be("Bolder");
        attachment.Content.Body[1].Facts!.Select(f => (f.Title, f.Value)).Should().Equal(
            ("Rotation Name", "db-password"), ("Triggered Manually", "No"));
    }

    [Fact]
    public void A_rotation_failure_parses_rotation_name_error_and_manual_flag()
    {
        var body = """{"event":"secrets.rotation-failed","project":{"projectId":"p1","projectName":"Payments","environment":"prod","environmentName":"Production","secretPath":"/db","rotationName":"db-password","errorMessage":"connection refused","triggeredManually":false},"timestamp":2}""";

        var failed = Parse(body).Should().BeOfType<InfisicalSecretRotationFailedEvent>().Subject;

        failed.Event.Should().Be(InfisicalEventNames.SecretRotationFailed);
        failed.Project!.RotationName.Should().Be("db-password");
        failed.Project.ErrorMessage.Should().Be("connection refused");
        failed.Project.TriggeredManually.Should().BeFalse();
        failed.Project.WorkspaceId.Should().BeNull("rotation failures carry only projectId");
    }

    [Fact]
    public void A_honey_token_event_parses_the_token_block_beside_the_project()
    {
        var body = """{"event":"honey-token.triggered","project":{"projectId":"proj-1","environment":"prod"},"honeyToken":{"name":"decoy-key","eventName":"GetCallerIdentity","sourceIp":"203.0.113.4","awsRegion":"us-east-1"},"timestamp":3}""";

        var honey = Parse(body).Should().BeOfType<InfisicalHoneyTokenTriggeredEvent>().Subject;

        honey.Project!.ProjectId.Should().Be("proj-1");
        honey.HoneyToken!.Name.Should().Be("decoy-key");
        honey.HoneyToken.EventName.Should().Be("GetCallerIdentity");
        honey.HoneyToken.SourceIp.Should().Be("203.0.113.4");
        honey.HoneyToken.AwsRegion.Should().Be("us-east-1");
    }

    [Fact]
    public void A_change_request_event_parses_action_project_and_request()
    {
        var body = """
            {"event":"secrets.change-request.modified","action":"merged","project":{"id":"proj-1","name":"Secrets management"},
            "request":{"id":"req-1","slug":"clever-otter","url":"https://app.infisical.com/approval?requestId=req-1",
            "target":{"environment":{"name":"Production","slug":"prod"},"secretPath":"/api"},"status":"close","hasMerged":true,
            "isBypassed":false,"policy":{"id":"pol-1","name":"Production secrets","enforcementLevel":"hard"},
            "requestedBy":{"type":"user","id":"user-1","name":"Ada Lovelace","email":"ada@example.com"},
            "createdAt":"2026-08-20T10:00:00.000Z","updatedAt":"2026-08-20T10:42:00.000Z"},"timestamp":4}
            """;

        var change = Parse(body).Should().BeOfType<InfisicalChangeRequestModifiedEvent>().Subject;

        change.Action.Should().Be("merged");
        change.Project!.Id.Should().Be("proj-1");
        change.Project.Name.Should().Be("Secrets management");
        var request = change.Request!;
        request.Id.Should().Be("req-1");
        request.Slug.Should().Be("clever-otter");
        request.Url.Should().Be("https://app.infisical.com/approval?requestId=req-1");
        request.Target!.Environment!.Slug.Should().Be("prod");
        request.Target.Environment.Name.Should().Be("Production");
        request.Target.SecretPath.Should().Be("/api");
        request.Status.Should().Be("close");
        request.HasMerged.Should().BeTrue();
        request.IsBypassed.Should().BeFalse();
        request.Policy!.EnforcementLevel.Should().Be("hard");
        request.RequestedBy!.Type.Should().Be(InfisicalActorTypes.User);
        request.RequestedBy.Email.Should().Be("ada@example.com");
        request.CreatedAt.Should().Be(new DateTimeOffset(2026, 8, 20, 10, 0, 0, TimeSpan.Zero));
        request.UpdatedAt.Should().Be(new DateTimeOffset(2026, 8, 20, 10, 42, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_change_request_from_a_deleted_author_has_a_null_requester()
    {
        var body = """{"event":"secrets.change-request.modified","action":"closed","request":{"id":"req-2","requestedBy":null},"timestamp":4}""";

        var change = Parse(body).Should().BeOfType<InfisicalChangeRequestModifiedEvent>().Subject;

        change.Request!.Id.Should().Be("req-2");
        change.Request.RequestedBy.Should().BeNull();
    }

    [Fact]
    public void An_access_request_event_parses_the_requested_access_and_dates()
    {
        var body = """
            {"event":"secrets.access-request.modified","action":"reviewed","project":{"id":"proj-1","name":"Secrets management"},
            "request":{"id":"areq-1","url":"https://app.infisical.com/approval?requestId=areq-1","status":"approved","isBypassed":false,
            "policy":{"id":"pol-2","name":"Production access","enforcementLevel":"soft","hasSequencedApprovers":true},
            "requestedAccess":{"target":{"environment":{"name":"Production","slug":"prod"},"secretPath":"/api/*"},"isTemporary":true,
            "temporaryRange":"1h","permissions":[{"subject":"secrets","actions":["read","edit"]},{"subject":"secret-folders","actions":["create"]}]},
            "requestedBy":{"type":"user","id":"user-1","name":"Ada Lovelace","email":"ada@example.com"},
            "expiresAt":"2026-08-21T10:00:00.000Z","approvedAt":"2026-08-20T10:42:00.000Z","revokedAt":null,
            "createdAt":"2026-08-20T10:00:00.000Z","updatedAt":"2026-08-20T10:42:00.000Z"},"timestamp":5}
            """;

        var access = Parse(body).Should().BeOfType<InfisicalAccessRequestModifiedEvent>().Subject;

        access.Action.Should().Be("reviewed");
        access.Project!.Name.Should().Be("Secrets management");
        var request = access.Request!;
        request.Status.Should().Be("approved");
        request.Policy!.HasSequencedApprovers.Should().BeTrue();
        request.RequestedAccess!.Target!.SecretPath.Should().Be("/api/*");
        request.RequestedAccess.IsTemporary.Should().BeTrue();
        request.RequestedAccess.TemporaryRange.Should().Be("1h");
        request.RequestedAccess.Permissions!.Select(p => (p.Subject, string.Join(",", p.Actions!))).Should().Equal(
            ("secrets", "read,edit"), ("secret-folders", "create"));
        request.ExpiresAt.Should().Be(new DateTimeOffset(2026, 8, 21, 10, 0, 0, TimeSpan.Zero));
        request.ApprovedAt.Should().Be(new DateTimeOffset(2026, 8, 20, 10, 42, 0, TimeSpan.Zero));
        request.RevokedAt.Should().BeNull();
    }

    [Fact]
    public void A_body_without_a_timestamp_parses_with_a_null_timestamp()
    {
        var test = Parse("""{"event":"test","project":{"projectId":"p"}}""");

        test.TimestampUnixMs.Should().BeNull();
        test.Timestamp.Should().BeNull();
    }

    [Fact]
    public void A_timestamp_beyond_what_a_date_can_hold_keeps_its_milliseconds_and_has_no_date()
    {
        var test = Parse("""{"event":"test","timestamp":9223372036854775807}""");

        test.TimestampUnixMs.Should().Be(long.MaxValue);
        test.Timestamp.Should().BeNull();
    }

    [Fact]
    public void A_timestamp_that_is_not_whole_milliseconds_is_kept_as_an_additional_property()
    {
        var test = Parse("""{"event":"test","timestamp":1.5}""");

        test.TimestampUnixMs.Should().BeNull();
        test.AdditionalProperties!["timestamp"].GetDouble().Should().Be(1.5);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"event\":\"test\",}")]
    [InlineData("{\"event\":\"test\"} {}")]
    [InlineData("{'event':'test'}")]
    public void Malformed_json_is_reported_as_malformed_without_throwing(string body)
    {
        var result = InfisicalWebhookParser.Parse(Encoding.UTF8.GetBytes(body));

        result.IsSuccess.Should().BeFalse();
        result.Error.Should().Be(WebhookParseError.MalformedJson);
        result.ErrorMessage.Should().NotBeNullOrEmpty();
        result.Value.Should().BeNull();
    }

    [Fact]
    public void A_body_that_is_not_utf8_is_reported_as_malformed()
    {
        byte[] body = [.. "{\"event\":\""u8, 0xFF, .. "\"}"u8];

        InfisicalWebhookParser.Parse(body).Error.Should().Be(WebhookParseError.MalformedJson);
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_reported_as_malformed()
    {
        var body = "{\"event\":\"x\",\"a\":" + new string('[', 100) + new string(']', 100) + "}";

        InfisicalWebhookParser.Parse(Encoding.UTF8.GetBytes(body)).Error.Should().Be(WebhookParseError.MalformedJson);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"secrets.modified\"")]
    [InlineData("null")]
    [InlineData("{\"event\":5}")]
    [InlineData("{\"event\":null}")]
    [InlineData("{\"event\":\"secrets.modified\",\"project\":\"proj-1\"}")]
    [InlineData("{\"event\":\"secrets.rotation-failed\",\"project\":{\"triggeredManually\":\"no\"}}")]
    [InlineData("{\"event\":\"secrets.change-request.modified\",\"request\":{\"createdAt\":\"yesterday\"}}")]
    [InlineData("{\"text\":\"hi\",\"attachments\":{\"color\":\"red\"}}")]
    [InlineData("{\"type\":\"message\",\"attachments\":[1]}")]
    [InlineData("{\"event\":\"test\",\"project\":{\"projectName\":\"\\ud800\"}}")]
    public void Json_of_the_wrong_shape_is_reported_as_wrong_shape_without_throwing(string body)
    {
        var result = InfisicalWebhookParser.Parse(Encoding.UTF8.GetBytes(body));

        result.IsSuccess.Should().BeFalse();
        result.Error.Should().Be(WebhookParseError.WrongShape);
        result.ErrorMessage.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Getting_the_value_of_a_failed_parse_throws_the_documented_exception_with_the_error()
    {
        var result = InfisicalWebhookParser.Parse("[]"u8);

        var act = () => result.GetValueOrThrow();

        act.Should().Throw<WebhookParseException>().Which.Error.Should().Be(WebhookParseError.WrongShape);
    }

    [Fact]
    public void A_body_split_across_buffers_parses_like_the_same_bytes_in_one()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"event":"test","project":{"projectName":"Split"},"timestamp":9}""");
        var sequence = Segments.Split(bytes, 10);

        var test = InfisicalWebhookParser.Parse(sequence).GetValueOrThrow().Should().BeOfType<InfisicalTestEvent>().Subject;

        test.Project!.ProjectName.Should().Be("Split");
        test.TimestampUnixMs.Should().Be(9);
    }

    private static InfisicalWebhook Parse(string body)
    {
        var result = InfisicalWebhookParser.Parse(Encoding.UTF8.GetBytes(body));
        result.IsSuccess.Should().BeTrue(result.ErrorMessage);
        return result.Value!;
    }
}

using System.Text;
using FsCheck.Xunit;
using WebhookSignatures.Models;
using WebhookSignatures.Models.Infisical;
using WebhookSignatures.Models.Snyk;
using WebhookSignatures.Tests.Vectors;

namespace WebhookSignatures.Tests.Models;

/// <summary>Whatever bytes arrive, the parsers answer with a result and never throw.</summary>
public sealed class ParsingNeverThrowsProperties
{
    private static readonly byte[][] VectorBodies =
    [
        .. VectorCase.Load("infisical.json").Select(c => c.BodyBytes).Distinct(),
        .. VectorCase.Load("snyk.json").Select(c => c.BodyBytes),
    ];

    [Property(MaxTest = 500)]
    public bool Arbitrary_bytes_give_a_consistent_infisical_result(byte[] body) =>
        IsConsistent(InfisicalWebhookParser.Parse(body));

    [Property(MaxTest = 500)]
    public bool Arbitrary_bytes_and_event_header_give_a_consistent_snyk_result(byte[] body, string? eventHeader) =>
        IsConsistent(SnykWebhookParser.Parse(eventHeader, body))
        && IsConsistent(SnykWebhookParser.Parse("project_snapshot/v0", body));

    [Property(MaxTest = 1000)]
    public bool A_vector_body_with_one_byte_replaced_never_throws(int bodyIndex, int position, byte value)
    {
        var body = (byte[])VectorBodies[(int)((uint)bodyIndex % VectorBodies.Length)].Clone();
        body[(int)((uint)position % body.Length)] = value;

        return IsConsistent(InfisicalWebhookParser.Parse(body))
            && IsConsistent(SnykWebhookParser.Parse("project_snapshot/v0", body))
            && IsConsistent(SnykWebhookParser.Parse("ping/v0", body));
    }

    [Property(MaxTest = 500)]
    public bool Any_text_in_any_known_member_position_never_throws(string? text, int slot)
    {
        // Put generated text where a value, a name or raw JSON would go, to reach the typed converters.
        text ??= string.Empty;
        var json = ((uint)slot % 4) switch
        {
            0 => $"{{\"event\":\"secrets.modified\",\"project\":{text},\"timestamp\":1}}",
            1 => $"{{\"event\":\"secrets.change-request.modified\",\"request\":{{\"createdAt\":\"{text}\"}}}}",
            2 => $"{{\"type\":\"message\",\"attachments\":[{text}]}}",
            _ => $"{{\"project\":{{\"totalDependencies\":{text}}},\"newIssues\":[{{\"issueData\":{{\"cvssScore\":{text}}}}}]}}",
        };
        var body = Encoding.UTF8.GetBytes(json);

        return IsConsistent(InfisicalWebhookParser.Parse(body)) && IsConsistent(SnykWebhookParser.Parse("project_snapshot/v0", body));
    }

    private static bool IsConsistent<T>(WebhookParseResult<T> result)
        where T : class =>
        result.IsSuccess
            ? result.Value is not null && result.Error == WebhookParseError.None && result.ErrorMessage is null
            : result.Value is null && result.Error != WebhookParseError.None && !string.IsNullOrEmpty(result.ErrorMessage);
}

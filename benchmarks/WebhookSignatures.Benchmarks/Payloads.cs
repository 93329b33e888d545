using System.Text;

namespace WebhookSignatures.Benchmarks;

/// <summary>Realistic JSON webhook bodies of a chosen size.</summary>
public static class Payloads
{
    /// <summary>
    /// A JSON object shaped like a Snyk project snapshot (an array of issues), padded to exactly
    /// <paramref name="size"/> bytes, without a timestamp member.
    /// </summary>
    public static byte[] Json(int size)
    {
        var builder = new StringBuilder("{\"project\":{\"name\":\"acme/api:package.json\",\"id\":\"af137b96-6966-46c1-826b-2e79ac49bbd9\"},\"newIssues\":[");
        var i = 0;
        while (builder.Length < size - 200)
        {
            builder.Append(i == 0 ? string.Empty : ",")
                .Append("{\"id\":\"SNYK-JS-LODASH-").Append(i)
                .Append("\",\"issueType\":\"vuln\",\"pkgName\":\"lodash\",\"pkgVersions\":[\"4.17.4\"],\"issueData\":{\"title\":\"Prototype Pollution\",\"severity\":\"high\"}}");
            i++;
        }

        builder.Append("],\"pad\":\"");
        var body = builder.ToString();
        var padding = size - Encoding.UTF8.GetByteCount(body) - 2;
        return Encoding.UTF8.GetBytes(body + new string('x', Math.Max(0, padding)) + "\"}");
    }
}

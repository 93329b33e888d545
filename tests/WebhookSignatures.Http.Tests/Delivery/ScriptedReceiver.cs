using System.Net;
using System.Net.Http.Headers;

namespace WebhookSignatures.Http.Tests.Delivery;

/// <summary>
/// The end of a client's handler chain, standing in for a receiver: answers each attempt as scripted (the last answer
/// repeats), records what each attempt carried and when, and can leave an attempt without an answer until it times out.
/// </summary>
internal sealed class ScriptedReceiver(TimeProvider clock, params Func<HttpResponseMessage?>[] answers) : HttpMessageHandler
{
    public List<(DateTimeOffset At, WebhookHeaders Headers, byte[] Body)> Attempts { get; } = [];

    /// <summary>An answer with a status and, optionally, a <c>Retry-After</c>.</summary>
    public static Func<HttpResponseMessage?> Answer(HttpStatusCode status, RetryConditionHeaderValue? retryAfter = null, string? location = null) => () =>
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = retryAfter;
        if (location is not null)
        {
            response.Headers.Location = new Uri(location);
        }

        return response;
    };

    /// <summary>No answer: the attempt waits until it is cancelled (its timeout).</summary>
    public static Func<HttpResponseMessage?> NoAnswer { get; } = () => null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new WebhookHeaders();
        foreach (var (name, values) in request.Headers)
        {
            headers.Add(name, string.Join(", ", values));
        }

        Attempts.Add((clock.GetUtcNow(), headers, body));
        var answer = answers[Math.Min(Attempts.Count, answers.Length) - 1]();
        if (answer is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        answer!.RequestMessage = request;
        return answer;
    }
}

using System.Net;
using Polly;
using Polly.Retry;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Http;

/// <summary>
/// The retry strategy of a webhook client: which outcomes are retried, how long to wait before the next attempt
/// (the schedule, lengthened by a bounded <c>Retry-After</c>), and how long a whole delivery can take.
/// </summary>
internal static class WebhookRetryPolicy
{
    // Answers that may differ on a later attempt (425 is Too Early); everything else ends the delivery.
    private static readonly HashSet<HttpStatusCode> RetriedStatuses =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.Conflict, (HttpStatusCode)425, HttpStatusCode.TooManyRequests,
        HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>Adds the retry strategy to <paramref name="pipeline"/>, its waits on <paramref name="timeProvider"/>.</summary>
    public static void AddTo(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, WebhookRetryOptions options, TimeProvider timeProvider)
    {
        var schedule = options.Schedule ?? throw new InvalidOperationException("WebhookRetryOptions.Schedule is not set.");
        pipeline.TimeProvider = timeProvider;
        if (schedule.Delays.Count == 0)
        {
            return;
        }

        pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = schedule.Delays.Count,
            ShouldHandle = args => ValueTask.FromResult(IsRetried(args.Outcome, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                NextDelay(schedule, args.AttemptNumber, Random.Shared.NextDouble(), args.Outcome.Result, options.MaxRetryAfter, timeProvider)),
        });
    }

    /// <summary>Whether an attempt's outcome is worth another attempt.</summary>
    public static bool IsRetried(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Result: { } response } => RetriedStatuses.Contains(response.StatusCode),

        // Decisions, not failures: an internal address, an attempt that would be a new delivery, a followed redirect.
        { Exception: WebhookAddressRefusedException or WebhookResendRefusedException or WebhookRedirectFollowedException } => false,

        // No answer: the connection failed, the attempt timed out, or a connect step gave up.
        { Exception: HttpRequestException or TimeoutException } => true,
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The wait before retry <paramref name="retry"/>: the schedule's, or a longer <c>Retry-After</c> cut to its bound.</summary>
    public static TimeSpan NextDelay(WebhookRetrySchedule schedule, int retry, double random, HttpResponseMessage? response, TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        var scheduled = schedule.GetDelay(retry, random);
        var asked = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => TimeSpan.Zero,
        };
        var bounded = asked < TimeSpan.Zero ? TimeSpan.Zero : asked > maxRetryAfter ? maxRetryAfter : asked;
        return bounded > scheduled ? bounded : scheduled;
    }

    /// <summary>
    /// The longest a delivery can take: every attempt to its timeout, every wait at its longest. The client's
    /// <see cref="HttpClient.Timeout"/> is set to it so that it never cuts the schedule short; infinite when attempts are.
    /// </summary>
    public static TimeSpan MaxDuration(WebhookRetryOptions options, TimeSpan attemptTimeout)
    {
        if (attemptTimeout == Timeout.InfiniteTimeSpan)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var schedule = options.Schedule;
        var waits = schedule.Delays.Aggregate(TimeSpan.Zero, (sum, delay) =>
            sum + (schedule.Longest(delay) > options.MaxRetryAfter ? schedule.Longest(delay) : options.MaxRetryAfter));

        // A minute more for what surrounds the attempts (reading the body, the pipeline itself); HttpClient takes at most
        // int.MaxValue milliseconds.
        var total = waits + (attemptTimeout * schedule.MaxAttempts) + TimeSpan.FromMinutes(1);
        var limit = TimeSpan.FromMilliseconds(int.MaxValue);
        return total > limit ? limit : total;
    }
}

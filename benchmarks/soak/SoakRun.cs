using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Soak;

/// <summary>
/// Sends Infisical deliveries round-robin to both receivers: valid ones, tampered copies, stale ones (signed
/// ten minutes ago) and replays of an accepted delivery to the other receiver. Redis is stopped at
/// <see cref="SoakPlan.OutageAt"/> and started again after <see cref="SoakPlan.OutageLength"/>.
/// </summary>
public static class SoakRun
{
    private const int Workers = 4;

    public static async Task<SoakTally> RunAsync(SoakPlan plan, Stopwatch clock)
    {
        var tally = new SoakTally();
        using var keys = KeyRing.FromSecrets(plan.Secret);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var phase = (int)Phase.Normal;
        var outage = Task.Run(async () =>
        {
            await Task.Delay(plan.OutageAt).ConfigureAwait(false);

            // Requests in flight while Redis shuts down may still be answered by it: they straddle the change
            // of phase and are not counted. The outage starts once the stop command has returned.
            Volatile.Write(ref phase, (int)Phase.Changing);
            await Shell(plan.StopRedis).ConfigureAwait(false);
            Volatile.Write(ref phase, (int)Phase.Outage);
            await Task.Delay(plan.OutageLength).ConfigureAwait(false);
            Volatile.Write(ref phase, (int)Phase.Changing);
            await Shell(plan.StartRedis).ConfigureAwait(false);
            Volatile.Write(ref phase, (int)Phase.Recovered);
        });

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var n = 0;
            while (clock.Elapsed < plan.Duration)
            {
                var target = plan.Targets[(worker + n) % plan.Targets.Count];
                var other = plan.Targets[(worker + n + 1) % plan.Targets.Count];
                var kind = (DeliveryKind)(n % 4);
                n++;

                // The phase a request belongs to is read before sending and after the answer; requests that
                // straddle a change of phase are not counted, since either answer would be right.
                var before = Volatile.Read(ref phase);
                (DeliveryKind Kind, int Status) status = kind switch
                {
                    DeliveryKind.Valid => (kind, await Post(http, target, Sign(keys, worker, n, DateTimeOffset.UtcNow)).ConfigureAwait(false)),
                    DeliveryKind.Tampered => (kind, await Post(http, target, Tamper(Sign(keys, worker, n, DateTimeOffset.UtcNow))).ConfigureAwait(false)),
                    DeliveryKind.Stale => (kind, await Post(http, target, Sign(keys, worker, n, DateTimeOffset.UtcNow.AddMinutes(-10))).ConfigureAwait(false)),
                    _ => await Replay(http, target, other, Sign(keys, worker, n, DateTimeOffset.UtcNow)).ConfigureAwait(false),
                };
                if (before != (int)Phase.Changing && before == Volatile.Read(ref phase))
                {
                    tally.Record((Phase)before, status.Kind, status.Status);
                }
            }
        })).ToArray();

        await Task.WhenAll(workers).ConfigureAwait(false);
        await outage.ConfigureAwait(false);
        return tally;
    }

    private static SignedWebhook Sign(KeyRing keys, int worker, int n, DateTimeOffset at)
    {
        var body = Encoding.UTF8.GetBytes(
            $"{{\"event\":\"secrets.modified\",\"project\":{{\"projectId\":\"soak\",\"secretPath\":\"/w{worker}/n{n.ToString(CultureInfo.InvariantCulture)}\"}}}}");
        return InfisicalSignature.Default.Sign(body, keys, at);
    }

    private static SignedWebhook Tamper(SignedWebhook signed)
    {
        var body = signed.Body.ToArray();
        body[body.Length / 2] ^= 0x01;
        return new SignedWebhook(body, signed.Headers, signed.TimestampUnixMs);
    }

    // A replay is only sent once its original was accepted: then the other receiver must refuse it.
    private static async Task<(DeliveryKind Kind, int Status)> Replay(HttpClient http, Uri first, Uri second, SignedWebhook signed)
    {
        var original = await Post(http, first, signed).ConfigureAwait(false);
        return original is >= 200 and < 300
            ? (DeliveryKind.Replayed, await Post(http, second, signed).ConfigureAwait(false))
            : (DeliveryKind.Valid, original);
    }

    private static async Task<int> Post(HttpClient http, Uri target, SignedWebhook signed)
    {
        using var content = new ByteArrayContent(signed.Body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0; // the receiver is down: counted as a reject (and a failure of the run)
        }
    }

    private static async Task Shell(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })!;
        await process.WaitForExitAsync().ConfigureAwait(false);
    }
}

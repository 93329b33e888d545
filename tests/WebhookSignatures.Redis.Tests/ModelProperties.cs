using FsCheck.Xunit;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;

namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// Any sequence of reserves, completions and releases by a few tokens gives the answers of a model of the contract:
/// absent, reserved by one token, or completed; only the holder completes or releases.
/// </summary>
public sealed class ModelProperties
{
    private static readonly string[] Tokens = [Deliveries.NewToken(), Deliveries.NewToken(), Deliveries.NewToken()];

    [Property(MaxTest = 100)]
    public bool The_store_answers_as_the_model_does(byte[] operations)
    {
        var redis = SharedRedis.GetAsync().GetAwaiter().GetResult();
        var prefix = SharedRedis.NewKeyPrefix();
        var store = new RedisWebhookDeliveryStore(redis.Connection, prefix);
        var key = Deliveries.NewKey("model");
        string? holder = null;
        var completed = false;

        foreach (var operation in operations ?? [])
        {
            var token = Tokens[operation / 3 % Tokens.Length];
            switch (operation % 3)
            {
                case 0:
                    var expected = completed ? WebhookReservationOutcome.Completed : holder is null ? WebhookReservationOutcome.Reserved : WebhookReservationOutcome.InFlight;
                    if (store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None).AsTask().GetAwaiter().GetResult() != expected)
                    {
                        return false;
                    }

                    holder = expected == WebhookReservationOutcome.Reserved ? token : holder;
                    break;
                case 1:
                    var completes = !completed && (holder == token || holder is null);
                    if (store.CompleteAsync(key, token, Deliveries.Lease, CancellationToken.None).AsTask().GetAwaiter().GetResult() != completes)
                    {
                        return false;
                    }

                    (completed, holder) = completes ? (true, null) : (completed, holder);
                    break;
                default:
                    var releases = !completed && holder == token;
                    if (store.ReleaseAsync(key, token, CancellationToken.None).AsTask().GetAwaiter().GetResult() != releases)
                    {
                        return false;
                    }

                    holder = releases ? null : holder;
                    break;
            }
        }

        return true;
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.EntityFrameworkCore.Tests.Support;

namespace WebhookSignatures.EntityFrameworkCore.Tests;

/// <summary>
/// The store's contract as a model (a delivery is absent, reserved by a token until, or completed until), run against
/// the store over random sequences of reserves, completions, renewals and releases by a few tokens, with time moving
/// on: the model the memory and Redis stores pass, with renewal added. Time is the database's clock shifted by the
/// test in whole minutes (<see cref="EntityFrameworkDeliveryStoreOptions"/>' clock shift), so the few milliseconds a
/// sequence really takes never cross a lease's end.
/// </summary>
public sealed class ContractProperties
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Property(MaxTest = 50)]
    public Property PostgreSQL_answers_as_the_model_does() => AnswersAsTheModel(Provider.PostgreSql);

    /// <summary>The same with the statements parsed and planned at every call, as behind a pooler that keeps no prepared statements.</summary>
    [Property(MaxTest = 20)]
    public Property PostgreSQL_answers_as_the_model_does_with_statements_not_prepared() => AnswersAsTheModel(Provider.PostgreSql, prepare: false);

    [Property(MaxTest = 100)]
    public Property SQLite_answers_as_the_model_does() => AnswersAsTheModel(Provider.Sqlite);

    private static Property AnswersAsTheModel(Provider provider, bool prepare = true)
    {
        var database = StoreDatabase.CreateAsync(provider).GetAwaiter().GetResult();
        var services = database.Services(store: o => o.PrepareStatements = prepare);
        var store = services.GetRequiredService<IWebhookDeliveryStore>();
        var options = services.GetRequiredService<IOptions<EntityFrameworkDeliveryStoreOptions>>().Value;
        var cases = 0;
        return Prop.ForAll(Operations().ToArbitrary(), operations =>
        {
            var registration = $"r{Interlocked.Increment(ref cases)}";
            var model = new Dictionary<int, (string? Token, long Until)>();
            var now = 0L;
            foreach (var (kind, delivery, token, minutes) in operations)
            {
                now += minutes % 5;
                options.ClockShift += (long)(minutes % 5 * Minute.TotalMilliseconds);
                foreach (var gone in model.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
                {
                    model.Remove(gone);
                }

                var key = new WebhookDeliveryKey(registration, WebhookDeliveryIdentity.FromSignedId($"d{delivery}"));
                var tokenText = $"t{token}";
                var duration = 1 + (minutes % 7);
                var held = model.TryGetValue(delivery, out var entry);
                var owns = held && entry.Token == tokenText;
                switch (kind)
                {
                    case 0:
                        var expected = !held ? WebhookReservationOutcome.Reserved : entry.Token is null ? WebhookReservationOutcome.Completed : WebhookReservationOutcome.InFlight;
                        if (store.TryReserveAsync(key, tokenText, duration * Minute, default).AsTask().GetAwaiter().GetResult() != expected)
                        {
                            return false.Label($"reserve {delivery} by {tokenText}: expected {expected}");
                        }

                        if (!held)
                        {
                            model[delivery] = (tokenText, now + duration);
                        }

                        break;
                    case 1:
                        var completes = owns || !held;
                        if (store.CompleteAsync(key, tokenText, duration * Minute, default).AsTask().GetAwaiter().GetResult() != completes)
                        {
                            return false.Label($"complete {delivery} by {tokenText}: expected {completes}");
                        }

                        if (completes)
                        {
                            model[delivery] = (null, now + duration);
                        }

                        break;
                    case 2:
                        if (store.RenewAsync(key, tokenText, duration * Minute, default).AsTask().GetAwaiter().GetResult() != owns)
                        {
                            return false.Label($"renew {delivery} by {tokenText}: expected {owns}");
                        }

                        if (owns)
                        {
                            model[delivery] = (tokenText, now + duration);
                        }

                        break;
                    default:
                        if (store.ReleaseAsync(key, tokenText, default).AsTask().GetAwaiter().GetResult() != owns)
                        {
                            return false.Label($"release {delivery} by {tokenText}: expected {owns}");
                        }

                        if (owns)
                        {
                            model.Remove(delivery);
                        }

                        break;
                }
            }

            return true.ToProperty();
        });
    }

    private static Gen<(int Kind, int Delivery, int Token, int Minutes)[]> Operations() =>
        Gen.ArrayOf(
            from kind in Gen.Choose(0, 3)
            from delivery in Gen.Choose(0, 3)
            from token in Gen.Choose(0, 2)
            from minutes in Gen.Choose(0, 20)
            select (kind, delivery, token, minutes));
}

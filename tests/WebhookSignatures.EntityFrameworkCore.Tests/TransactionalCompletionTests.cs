using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.EntityFrameworkCore.Tests.Support;
using WebhookSignatures.EntityFrameworkCore.TestReceiver;

namespace WebhookSignatures.EntityFrameworkCore.Tests;

/// <summary>
/// The delivery's completion commits in the handler's own transaction, fenced by its reservation's token: on
/// PostgreSQL, through real Kestrel. A takeover is staged by moving the database's clock past the lease (the store's
/// clock shift) and reserving the delivery with another token, as another instance would.
/// </summary>
public sealed class TransactionalCompletionTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(ContextRegistration.AddDbContext)]
    [InlineData(ContextRegistration.AddDbContextPool)]
    [InlineData(ContextRegistration.AddDbContextFactory)]
    public async Task A_handler_that_saves_completes_its_delivery_in_the_same_transaction(ContextRegistration registration)
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var receiver = await Receiver.StartAsync(database, registration);
        var completedAtSave = false;
        receiver.Handler = async (http, db) =>
        {
            db.Effects.Add(new Effect { DeliveryId = Receiver.IdOf(http), Instance = "test" });
            await db.SaveChangesAsync();
            completedAtSave = http.Features.Get<IWebhookDeliveryReservationFeature>()!.IsCompleted;
            return Results.NoContent();
        };

        (await receiver.SendAsync("msg_1")).Should().Be(HttpStatusCode.NoContent);
        completedAtSave.Should().BeTrue("the save's own commit completed the delivery, before the handler answered");
        (await receiver.SendAsync("msg_1")).Should().Be(HttpStatusCode.OK, "a duplicate of a completed delivery is acknowledged");
        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(1);
        (await database.CountAsync("SELECT count(*) FROM webhook_deliveries WHERE completed")).Should().Be(1);
        receiver.Log.Has("WebhookDeliveryLeaseLost").Should().BeFalse("the pipeline leaves a delivery its handler's transaction completed alone, rather than completing it twice");
    }

    [Fact]
    public async Task A_handler_that_throws_after_saving_has_its_delivery_completed_and_the_retry_acknowledged()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var receiver = await Receiver.StartAsync(database);
        receiver.Handler = async (http, db) =>
        {
            await Receiver.WriteEffectAsync(http, db);
            throw new InvalidOperationException("the handler fails after its effects are in");
        };

        (await receiver.SendAsync("msg_2")).Should().Be(HttpStatusCode.InternalServerError);
        receiver.Handler = Receiver.WriteEffectAsync;
        (await receiver.SendAsync("msg_2")).Should().Be(HttpStatusCode.OK, "the effects are in: the retry gets the duplicate's answer, not a second run");
        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(1);
    }

    [Fact]
    public async Task A_handler_that_writes_nothing_is_completed_after_its_2xx()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var receiver = await Receiver.StartAsync(database);
        receiver.Handler = (_, _) => Task.FromResult(Results.NoContent());

        (await receiver.SendAsync("msg_3")).Should().Be(HttpStatusCode.NoContent);
        (await receiver.SendAsync("msg_3")).Should().Be(HttpStatusCode.OK);
        (await database.CountAsync("SELECT count(*) FROM webhook_deliveries WHERE completed")).Should().Be(1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_handler_whose_lease_was_taken_over_cannot_commit_its_save(bool prepareStatements)
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var receiver = await Receiver.StartAsync(database, store: o => o.PrepareStatements = prepareStatements);
        var takeover = new Takeover(receiver);
        Exception? refused = null;
        receiver.Handler = async (http, db) =>
        {
            await takeover.HappensWhileRunningAsync(http);
            db.Effects.Add(new Effect { DeliveryId = Receiver.IdOf(http), Instance = "first" });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (WebhookDeliveryLostException e)
            {
                refused = e;
                throw;
            }

            return Results.NoContent();
        };

        (await receiver.SendAsync("msg_4")).Should().Be(HttpStatusCode.InternalServerError);
        refused.Should().NotBeNull("the save's commit found the reservation in another token's hands");
        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(0, "the first holder's work rolled back");
        receiver.Log.Has("WebhookDeliveryTransactionFenced").Should().BeTrue();
    }

    [Fact]
    public async Task An_explicit_transaction_is_fenced_at_its_save_and_again_at_its_commit()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var receiver = await Receiver.StartAsync(database);
        var takeover = new Takeover(receiver);
        var refusals = new List<string>();
        receiver.Handler = async (http, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Effects.Add(new Effect { DeliveryId = Receiver.IdOf(http), Instance = "first" });
            await db.SaveChangesAsync();
            await takeover.HappensWhileRunningAsync(http);
            db.Notes.Add(new Note { DeliveryId = Receiver.IdOf(http) });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (WebhookDeliveryLostException)
            {
                // A careless handler that carries on and commits what it saved before.
                refusals.Add("save");
            }

            try
            {
                await transaction.CommitAsync();
            }
            catch (WebhookDeliveryLostException)
            {
                refusals.Add("commit");
            }

            return Results.NoContent();
        };

        await receiver.SendAsync("msg_5");
        refusals.Should().Equal("save", "commit");
        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(0, "nothing of the fenced transaction committed");
    }

    [Fact]
    public async Task A_retried_save_whose_first_commit_landed_is_verified_not_taken_for_a_lost_lease()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        var fault = new CommitAnswerLost();
        await using var receiver = await Receiver.StartAsync(
            database,
            context: o => o.UseNpgsql(database.ConnectionString, npgsql => npgsql.EnableRetryOnFailure(3, TimeSpan.FromMilliseconds(50), null)).AddInterceptors(fault));
        receiver.Handler = async (http, db) =>
        {
            db.Notes.Add(new Note { DeliveryId = Receiver.IdOf(http) });
            await db.SaveChangesAsync();
            return Results.NoContent();
        };

        (await receiver.SendAsync("msg_6")).Should().Be(HttpStatusCode.NoContent, "the save's first commit did land; its retry is that commit again");
        fault.Commits.Should().Be(1, "the first commit's answer was lost, so the execution strategy retried the save");
        (await database.CountAsync("SELECT count(*) FROM notes")).Should().Be(1, "the retry's writes were those of the commit that landed, and were rolled back");
        receiver.Log.Has("WebhookDeliveryRetriedCommitVerified").Should().BeTrue();
        (await receiver.SendAsync("msg_6")).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_second_save_within_one_delivery_is_logged()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var receiver = await Receiver.StartAsync(database);
        receiver.Handler = async (http, db) =>
        {
            await Receiver.WriteEffectAsync(http, db);
            db.Notes.Add(new Note { DeliveryId = Receiver.IdOf(http) });
            await db.SaveChangesAsync();
            return Results.NoContent();
        };

        (await receiver.SendAsync("msg_7")).Should().Be(HttpStatusCode.NoContent);
        receiver.Log.Has("WebhookDeliverySecondCommit").Should().BeTrue("a crash between the two saves would lose the second one's work");
        (await database.CountAsync("SELECT count(*) FROM notes")).Should().Be(1);
    }

    /// <summary>
    /// Stages another instance's takeover while a handler runs: the database's clock moves past the lease, and the
    /// delivery is reserved for another token.
    /// </summary>
    private sealed class Takeover(Receiver receiver)
    {
        public async Task HappensWhileRunningAsync(HttpContext http)
        {
            var key = http.Features.Get<IWebhookDeliveryReservationFeature>()!.Key;
            receiver.Services.GetRequiredService<IOptions<EntityFrameworkDeliveryStoreOptions>>().Value.ClockShift += (long)Hour.TotalMilliseconds;
            var store = receiver.Services.GetRequiredService<IWebhookDeliveryStore>();
            (await store.TryReserveAsync(key, Deliveries.NewToken(), TimeSpan.FromMinutes(5), default)).Should().Be(WebhookReservationOutcome.Reserved);
        }
    }

    /// <summary>
    /// The fault of a commit whose answer is lost: the first commit is made, then reported as a transient failure, as a
    /// connection that breaks after the server committed would be. Registered after the store's interceptor, so the
    /// completion is written before this commit.
    /// </summary>
    private sealed class CommitAnswerLost : DbTransactionInterceptor
    {
        private int _commits;

        public int Commits => Volatile.Read(ref _commits);

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (result.IsSuppressed || Interlocked.Increment(ref _commits) > 1)
            {
                return result;
            }

            await transaction.CommitAsync(cancellationToken);
            throw new NpgsqlException("The connection broke before the commit's answer arrived.", new TimeoutException());
        }
    }
}

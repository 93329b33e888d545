using System.Net;
using WebhookSignatures.EntityFrameworkCore.Tests.Support;

namespace WebhookSignatures.EntityFrameworkCore.Tests;

/// <summary>
/// Real processes killed with SIGKILL at the points that matter, on PostgreSQL: the receiver is a child process on
/// 127.0.0.1 that writes one effect row per delivery under a unique key, counting its handler runs and any conflict on
/// that key on connections of their own. Leases are two seconds of the database's clock, passed in real time; the tests
/// poll for the answers and never time anything.
/// </summary>
public sealed class CrashTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    // Renewed every third of it: long enough that a machine busy with other work still renews in time.
    private static readonly TimeSpan RenewedLease = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task An_instance_killed_after_its_save_and_before_its_answer_leaves_the_retry_the_duplicate_answer()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var first = await ReceiverProcess.StartAsync(database.ConnectionString, "first", Lease);
        var unanswered = first.SendAsync("msg_saved", crashPoint: "after-save");
        await first.WaitForLineAsync("saved msg_saved");
        await first.KillAsync();
        (await unanswered).Should().BeNull("the process died before it answered");

        await using var second = await ReceiverProcess.StartAsync(database.ConnectionString, "second", Lease);
        var retry = await Eventually.ReturnsAsync(() => second.SendAsync("msg_saved"), a => a != HttpStatusCode.Conflict);
        retry.Should().Be(HttpStatusCode.OK, "the completion committed with the effect, so the retry is a duplicate");
        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(1);
        (await database.CountAsync("SELECT count(*) FROM handler_runs")).Should().Be(1);
        (await database.CountAsync("SELECT count(*) FROM conflicts")).Should().Be(0);
    }

    [Fact]
    public async Task An_instance_killed_before_its_save_leaves_the_retry_to_run_the_handler()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var first = await ReceiverProcess.StartAsync(database.ConnectionString, "first", Lease);
        var unanswered = first.SendAsync("msg_unsaved", crashPoint: "before-save");
        await first.WaitForLineAsync("handling msg_unsaved");
        await first.KillAsync();
        (await unanswered).Should().BeNull();

        await using var second = await ReceiverProcess.StartAsync(database.ConnectionString, "second", Lease);
        var retry = await Eventually.ReturnsAsync(() => second.SendAsync("msg_unsaved"), a => a != HttpStatusCode.Conflict);
        retry.Should().Be(HttpStatusCode.NoContent, "nothing committed, and the dead instance's lease ran out: the retry runs the handler");
        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(1);
        (await database.CountAsync("SELECT count(*) FROM handler_runs")).Should().Be(2);
        (await database.CountAsync("SELECT count(*) FROM conflicts")).Should().Be(0);
    }

    [Fact]
    public async Task An_instance_whose_handler_runs_longer_than_its_lease_keeps_the_delivery_by_renewing_it()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var first = await ReceiverProcess.StartAsync(database.ConnectionString, "first", RenewedLease);
        var held = first.SendAsync("msg_long", crashPoint: "hold");
        await first.WaitForLineAsync("holding msg_long");

        // The sender retries at another instance for two and a half leases while the first handler still runs.
        await using var second = await ReceiverProcess.StartAsync(database.ConnectionString, "second", RenewedLease);
        var until = DateTime.UtcNow + 2.5 * RenewedLease;
        var retries = new List<HttpStatusCode?>();
        while (DateTime.UtcNow < until)
        {
            retries.Add(await second.SendAsync("msg_long"));
            await Task.Delay(200);
        }

        retries.Should().NotBeEmpty().And.OnlyContain(a => a == HttpStatusCode.Conflict, "the running handler's lease is renewed, so its delivery stays in flight");

        await first.WriteLineAsync("save msg_long");
        (await first.WaitForLineAsync("save-")).Should().Be("save-ok msg_long");
        (await held).Should().Be(HttpStatusCode.NoContent);
        (await second.SendAsync("msg_long")).Should().Be(HttpStatusCode.OK, "the completion committed with the effect");
        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(1);
        (await database.CountAsync("SELECT count(*) FROM handler_runs")).Should().Be(1);
    }

    [Fact]
    public async Task An_instance_that_stalls_past_its_lease_and_is_taken_over_cannot_commit_its_save()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var first = await ReceiverProcess.StartAsync(database.ConnectionString, "first", Lease);
        var held = first.SendAsync("msg_slow", crashPoint: "hold");
        await first.WaitForLineAsync("holding msg_slow");

        // The first instance stalls (SIGSTOP) longer than its lease, its renewals with it; the sender's retry reaches another.
        await first.PauseAsync();
        await using var second = await ReceiverProcess.StartAsync(database.ConnectionString, "second", Lease);
        var retry = await Eventually.ReturnsAsync(() => second.SendAsync("msg_slow"), a => a != HttpStatusCode.Conflict);
        await first.ResumeAsync();
        retry.Should().Be(HttpStatusCode.NoContent, "the lease ran out, so the second instance took the delivery over");

        await first.WriteLineAsync("save msg_slow");
        (await first.WaitForLineAsync("save-")).Should().Be("save-failed msg_slow WebhookDeliveryLostException", "the fence refused the first instance's commit");
        (await held).Should().Be(HttpStatusCode.InternalServerError);
        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(1);
        (await database.CountAsync("SELECT count(*) FROM effects WHERE instance = 'second'")).Should().Be(1);
        (await database.CountAsync("SELECT count(*) FROM conflicts")).Should().Be(0, "the fence refused the save before the effects' unique key had to");
    }
}

using WebhookSignatures.Cli.Inspector;

namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>
/// The inspector's bound, reader by reader: a reader keeps no delivery the log dropped, a reader that stalls while
/// deliveries pile up behind it is dropped, and the text being written counts against the bound too.
/// </summary>
public sealed class DeliveryLogTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void A_reader_that_stalls_while_more_than_its_bound_waits_behind_it_is_dropped_and_its_connection_closed()
    {
        var log = new DeliveryLog(100, 64 * MiB, 4 * MiB);
        var aborted = 0;
        using var reader = log.Subscribe(0, null, () => aborted++);
        log.Add(s => Delivery(s, 1024));
        reader.TryTake(out _).Should().BeTrue();
        reader.Charge(4096).Should().BeTrue();

        for (var i = 0; i < 3; i++)
        {
            log.Add(s => Delivery(s, (int)MiB));
        }

        reader.IsDropped.Should().BeFalse("3 MiB wait behind it, within its bound");
        log.Add(s => Delivery(s, (int)MiB));

        reader.IsDropped.Should().BeTrue();
        aborted.Should().Be(1);
        log.WritingBytes.Should().Be(0, "its text no longer counts");
        reader.TryTake(out _).Should().BeFalse();
    }

    [Fact]
    public void A_reader_that_keeps_up_is_never_dropped_and_gets_every_delivery_once()
    {
        var log = new DeliveryLog(100, 64 * MiB, 4 * MiB);
        using var reader = log.Subscribe(0, null, () => throw new InvalidOperationException("dropped"));
        var got = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            log.Add(s => Delivery(s, (int)(2 * MiB)));
            while (reader.TryTake(out var delivery))
            {
                reader.Charge(3 * MiB).Should().BeTrue();
                got.Add(delivery.Sequence);
                reader.Sent();
            }
        }

        got.Should().Equal(Enumerable.Range(1, 200).Select(i => (long)i));
        log.KeptBytes.Should().BeLessThanOrEqualTo(64 * MiB);
        log.WritingBytes.Should().Be(0);
    }

    [Fact]
    public void A_page_keeps_no_delivery_the_log_dropped_and_skips_it()
    {
        var log = new DeliveryLog(3, 64 * MiB, 4 * MiB);
        for (var i = 0; i < 3; i++)
        {
            log.Add(s => Delivery(s, 1024));
        }

        using var page = log.Read(() => { });
        page.Opened.Should().Be(3);
        page.Newest.Should().Be(3);
        page.TryTake(out var newest).Should().BeTrue();
        newest.Sequence.Should().Be(3);
        page.Sent();

        // Two more arrive while the page is written: 1 and 2 are dropped from the log, so from the page too.
        log.Add(s => Delivery(s, 1024));
        log.Add(s => Delivery(s, 1024));

        page.TryTake(out _).Should().BeFalse("what it had yet to write is no longer kept");
        log.Snapshot().Select(d => d.Sequence).Should().Equal(3, 4, 5);
    }

    [Fact]
    public void Texts_being_written_count_against_the_bound_and_the_readers_holding_most_are_dropped_first()
    {
        var log = new DeliveryLog(100, 64 * MiB, 4 * MiB);
        log.Add(s => Delivery(s, 1024));
        var aborted = new List<int>();
        var readers = Enumerable.Range(0, 3).Select(i => log.Read(() => aborted.Add(i))).ToList();
        readers.ForEach(r => r.TryTake(out _).Should().BeTrue());

        readers[0].Charge(30 * MiB).Should().BeTrue();
        readers[1].Charge(20 * MiB).Should().BeTrue();
        readers[2].Charge(30 * MiB).Should().BeTrue("the reader charging is not the one dropped");

        aborted.Should().Equal(0);
        log.WritingBytes.Should().Be(50 * MiB);
        readers.ForEach(r => r.Dispose());
        log.WritingBytes.Should().Be(0);
    }

    [Fact]
    public void A_page_that_missed_deliveries_no_longer_kept_or_comes_from_another_run_is_told_to_reload()
    {
        var log = new DeliveryLog(2, 64 * MiB, 4 * MiB);
        for (var i = 0; i < 4; i++)
        {
            log.Add(s => Delivery(s, 1024));
        }

        using var behind = log.Subscribe(1, log.Run, () => { });
        using var caughtUp = log.Subscribe(2, log.Run, () => { });
        using var otherRun = log.Subscribe(4, "another-run", () => { });
        using var ahead = log.Subscribe(9, null, () => { });
        using var fresh = log.Subscribe(0, null, () => { });

        behind.IsMissed.Should().BeTrue("2 is no longer kept");
        caughtUp.IsMissed.Should().BeFalse();
        otherRun.IsMissed.Should().BeTrue();
        ahead.IsMissed.Should().BeTrue("this run never had a delivery 9");
        fresh.IsMissed.Should().BeFalse("what was dropped before it opened is not missed");
        fresh.TryTake(out var first).Should().BeTrue();
        first.Sequence.Should().Be(3);
    }

    [Fact]
    public void A_reader_whose_request_has_ended_is_never_closed_again()
    {
        // Its context belongs to the server once the request has ended: closing it then would throw, or close another.
        var log = new DeliveryLog(100, 64 * MiB, 4 * MiB);
        var aborted = 0;
        var reader = log.Subscribe(0, null, () => throw new ObjectDisposedException("HttpContext", "Request has finished and HttpContext disposed."));
        var open = log.Subscribe(0, null, () => aborted++);

        reader.Dispose();
        reader.Abort();
        open.Abort();

        aborted.Should().Be(1);
        open.Dispose();
    }

    private static InspectedDelivery Delivery(long sequence, int size) => new()
    {
        Sequence = sequence,
        Time = DateTimeOffset.UnixEpoch,
        Scheme = "github",
        EventName = null,
        Verified = false,
        Status = 401,
        Outcome = "rejected",
        Reason = "MissingSignature",
        Hints = [],
        Headers = [],
        Method = "POST",
        PathAndQuery = "/",
        BodyView = new InspectedBody(0, string.Empty, null, null, null),
        VerifyCommand = string.Empty,
        Truncated = false,
        Body = new byte[size],
        SentHeaders = [],
    };
}

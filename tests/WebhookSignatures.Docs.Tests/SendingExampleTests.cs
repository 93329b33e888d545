using WebhookSignatures.Docs.Tests.Running;
using Xunit.Abstractions;

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// A sending example runs against the receiving example above it on its page: the receiver starts on a loopback port,
/// the sender's code gets that address where it names the receiver's, and the secret through the environment
/// variable it reads, and it must print what its <c>run:</c> comment says. A sending program that cannot run here says
/// why in a <c>not run:</c> comment, so none is skipped silently.
/// </summary>
[Collection(DocumentedPrograms.Name)]
public sealed class SendingExampleTests(ITestOutputHelper output)
{
    public static TheoryData<string> Senders()
    {
        var data = new TheoryData<string>();
        foreach (var block in ProgramBlocks.Senders())
        {
            data.Add(block.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task The_sending_example_reaches_the_receiver_above_it(string where)
    {
        var block = DocumentedCode.At(where);
        CompiledCode.Of(block).IsSender.Should().BeTrue("its run: comment describes a sender");
        var check = SendingCheck.From(ProgramBlocks.Annotations(block).Single());
        block.Code.Should().Contain(check.To, "the sender's code names the receiver's address that the test replaces");

        var receiverBlock = DocumentedCode.All.Last(b => b.File == block.File && b.Line < block.Line && ProgramBlocks.Receivers().Contains(b));
        var receiver = ReceivingExample.Of(receiverBlock.ToString(), receiverBlock.Notes);
        await using var started = await receiver.StartAsync(CompiledCode.Of(receiverBlock));
        started.Keys.Should().ContainSingle($"the sender gets the one secret of {receiverBlock}");

        // The sender as written, but sending to where the receiver listens.
        var sender = CompiledCode.Of($"{where} (to {started.Address.Authority})", block.Code.Replace(check.To, started.Address.Authority, StringComparison.Ordinal));
        sender.Errors.Should().BeEmpty();

        string printed;
        using (var console = new ConsoleCapture(check.SecretVariable, started.Keys.Values.Single().ForReceiver))
        {
            var run = ProgramRun.Start(sender, []);
            await run.EndedAsync();
            printed = console.Output;
        }

        output.WriteLine($"{where} sent to {receiverBlock} at {started.Address} and printed: {printed.Trim()}");
        printed.Split('\n').Select(l => l.TrimEnd('\r')).Should().Contain(check.Prints, $"the page says the sender prints it; the receiver's log:\n{started.Run.Log}");
    }

    [Fact]
    public void Every_sending_program_is_run_or_says_why_not()
    {
        var senders = DocumentedCode.All.Where(b => !b.IsFragment && CompiledCode.Of(b).IsSender && !CompiledCode.Of(b).IsReceiver).ToList();
        senders.Should().NotBeEmpty("the README and docs/sending.md show senders; none found means the classification broke");
        string.Join(", ", senders.Where(b => !b.Notes.Any(RunAnnotation.IsOne)).Select(b => b.ToString()))
            .Should().BeEmpty("a sending program needs a <!-- run: … --> comment, or <!-- not run: why --> when it cannot run against a loopback receiver");
    }
}

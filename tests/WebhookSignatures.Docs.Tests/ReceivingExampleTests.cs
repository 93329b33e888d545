using WebhookSignatures.Docs.Tests.Running;
using Xunit.Abstractions;

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// Every receiving example of the README and docs/ runs: started on Kestrel at a loopback port with keys made for the
/// run, sent what its <c>run:</c> comments describe (a signed delivery, a tampered one, a duplicate, a handshake), and
/// checked to answer as its page says. A new receiving example without a comment fails here, so no page skips it.
/// </summary>
[Collection(DocumentedPrograms.Name)]
public sealed class ReceivingExampleTests(ITestOutputHelper output)
{
    public static TheoryData<string> Receivers()
    {
        var data = new TheoryData<string>();
        foreach (var block in ProgramBlocks.Receivers())
        {
            data.Add(block.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Receivers))]
    public async Task The_receiving_example_answers_as_its_page_says(string where)
    {
        var block = DocumentedCode.At(where);
        var code = CompiledCode.Of(block);
        code.Errors.Should().BeEmpty();
        code.IsReceiver.Should().BeTrue("its run: comments describe deliveries to a receiver, so it must be a program that runs a web application with webhook endpoints");

        var example = ReceivingExample.Of(where, block.Notes);
        await using var started = await example.StartAsync(code);
        var (transcript, failures) = await started.CheckAsync();
        foreach (var line in transcript)
        {
            output.WriteLine(line);
        }

        string.Join("\n", failures).Should().BeEmpty();
    }

    [Fact]
    public void Every_receiving_example_has_a_run_description()
    {
        var programs = DocumentedCode.All.Where(b => !b.IsFragment).Select(b => (Block: b, Code: CompiledCode.Of(b))).ToList();
        programs.Where(p => p.Code.IsReceiver).Should().HaveCountGreaterThan(10, "the README and docs show many receivers; fewer found means the classification broke");

        var undescribed = string.Join(", ", programs
            .Where(p => p.Code.IsReceiver && !ProgramBlocks.Receivers().Contains(p.Block))
            .Select(p => p.Block.ToString()));
        undescribed.Should().BeEmpty("every receiving example needs a <!-- run: … --> comment right above its fence saying what to send and what the page promises");
    }

    [Fact]
    public void Every_run_comment_sits_right_above_a_block()
    {
        foreach (var file in DocumentedCode.Pages)
        {
            var text = File.ReadAllText(Path.Combine(DocumentedCode.Root, file));
            var written = DocumentedCode.CountRunComments(text);
            var attached = DocumentedCode.All.Where(b => b.File == file).Sum(b => b.Notes.Count(RunAnnotation.IsOne));
            attached.Should().Be(written, $"every run: or not run: comment of {file} belongs right above a C# block's fence (blank lines allowed)");
        }
    }

    [Fact]
    public void Every_run_comment_is_well_formed()
    {
        foreach (var block in DocumentedCode.All)
        {
            var annotations = ProgramBlocks.Annotations(block);
            if (annotations.Any(a => a.NotRunReason is null) && annotations.Any(a => a.NotRunReason is not null))
            {
                throw new FormatException($"{block}: a block is run or not run, not both.");
            }

            if (block.Notes.Any(ProgramBlocks.DescribesSender))
            {
                annotations.Should().ContainSingle($"{block} is one sender");
                _ = SendingCheck.From(annotations[0]);
            }
            else
            {
                _ = ReceivingExample.Of(block.ToString(), block.Notes);
            }
        }
    }
}

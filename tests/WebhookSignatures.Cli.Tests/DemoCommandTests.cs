namespace WebhookSignatures.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_meets_every_expectation_for_every_scheme_and_exits_0()
    {
        var outcome = await CliHarness.RunAsync(["demo"]);

        outcome.ExitCode.Should().Be(0, outcome.All);
        var rows = outcome.Out.Split('\n').Select(l => l.TrimEnd()).Where(l => l.EndsWith("  ok", StringComparison.Ordinal)).ToList();
        rows.Should().HaveCount(ToolCatalog.Schemes.AcceptedNames().Count * 4);
        foreach (var scheme in ToolCatalog.Schemes.AcceptedNames())
        {
            foreach (var kind in new[] { "valid", "tampered", "stale", "replayed" })
            {
                rows.Should().ContainSingle(r => r.StartsWith(scheme + " ", StringComparison.Ordinal) && r.Contains($" {kind} ", StringComparison.Ordinal));
            }
        }

        outcome.Out.Should().Contain("SignatureMismatch").And.Contain("Duplicate").And.Contain("TimestampTooOld").And.NotContain("MISMATCH");
    }

    [Fact]
    public async Task The_demo_as_a_process_prints_the_table_and_exits_0()
    {
        var outcome = await ToolProcess.RunAsync(["demo"]);

        outcome.ExitCode.Should().Be(0, outcome.All);
        outcome.Out.Should().Contain("outcomes as expected");
    }
}

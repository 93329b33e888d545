using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// Whatever a sender signs and an operator pastes, <c>verify</c> ends with a verdict (exit 0 or 1) or a usage error
/// (exit 2), never with an unhandled exception: System.CommandLine would print its stack trace and exit 1, which
/// scripts would read as "invalid". Nothing it prints carries a raw control or bidirectional character.
/// </summary>
public sealed partial class VerifyNeverThrowsProperties
{
    [Property(MaxTest = 250)]
    public Property Verify_prints_a_verdict_or_a_usage_error_for_any_input() =>
        Prop.ForAll(ArbitraryVerifyInputs.Inputs(), input =>
        {
            // Off the test's synchronization context, so waiting on the run cannot deadlock it.
            var outcome = Task.Run(() => CliHarness.RunAsync(input.Arguments, input.Body)).GetAwaiter().GetResult();

            outcome.All.Should().NotContain("Unhandled exception");
            StackFrame().IsMatch(outcome.All).Should().BeFalse("no stack trace is printed: {0}", outcome.All);
            var json = input.Options.Contains("--json");
            switch (outcome.ExitCode)
            {
                case ExitCodes.Valid:
                    outcome.Out.Should().StartWith(json ? """{"valid":true,""" : "valid: ");
                    break;
                case ExitCodes.Invalid:
                    outcome.Out.Should().StartWith(json ? """{"valid":false,""" : "invalid: ");
                    break;
                case ExitCodes.Usage:
                    // Warnings about what was given (a secret with whitespace around it) may come first, then the error.
                    outcome.Out.Should().BeEmpty();
                    outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => l.StartsWith("warning: ", StringComparison.Ordinal))
                        .FirstOrDefault().Should().StartWith("error: ");
                    break;
                default:
                    outcome.ExitCode.Should().BeOneOf([ExitCodes.Valid, ExitCodes.Invalid, ExitCodes.Usage], outcome.All);
                    break;
            }

            TerminalSafety.RawControlCharacters(outcome.All).Should().BeEmpty("what a sender controls is printed escaped");
            foreach (var secret in input.Secrets.Where(s => s.Trim().Length >= 16))
            {
                outcome.All.Should().NotContain(secret.Trim(), "a secret is never printed");
            }
        });

    [GeneratedRegex(@"^\s+at \S+", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}

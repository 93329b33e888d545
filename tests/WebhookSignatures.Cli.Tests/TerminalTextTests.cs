using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Tests;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b]0;pwned\u0007", @"\x1b]0;pwned\x07")]
    [InlineData("\u001b[2J\u001b[H", @"\x1b[2J\x1b[H")]
    [InlineData("accepted\rrejected", @"accepted\rrejected")]
    [InlineData("a\tb\nc", @"a\tb\nc")]
    [InlineData("\0\u0008\u007f", @"\x00\x08\x7f")]
    [InlineData("\u0085\u009b31m\u009d", @"\x85\x9b31m\x9d")]
    [InlineData("\u202eevil\u202c", @"\u202eevil\u202c")]
    [InlineData("\u202a\u202b\u202d", @"\u202a\u202b\u202d")]
    [InlineData("\u2066\u2067\u2068x\u2069", @"\u2066\u2067\u2068x\u2069")]
    [InlineData("\u200e\u200f\u061c", @"\u200e\u200f\u061c")]
    [InlineData("line\u2028next\u2029", @"line\u2028next\u2029")]
    public void Control_and_bidirectional_characters_are_shown_as_escapes(string text, string expected)
    {
        TerminalText.Escape(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("push")]
    [InlineData("project_snapshot/v0")]
    [InlineData("é ü 😀 日本 עברית")]
    [InlineData(@"C:\hooks\body.json and a literal \x1b")]
    [InlineData("\u00a0\u00ff\u2027\u202f\u2065\u206a")]
    public void Printable_text_is_returned_unchanged(string text)
    {
        TerminalText.Escape(text).Should().BeSameAs(text);
    }

    [Fact]
    public void Null_stays_null()
    {
        TerminalText.Escape(null).Should().BeNull();
    }

    [Property(MaxTest = 500)]
    public bool Escaped_text_holds_no_control_or_bidirectional_character(string? text) =>
        TerminalText.Escape(text) is not { } escaped || !escaped.Any(IsUnsafe);

    [Property(MaxTest = 500)]
    public bool Text_without_such_characters_is_unchanged(NonNull<string> text)
    {
        var safe = new string([.. text.Get.Where(c => !IsUnsafe(c))]);
        return ReferenceEquals(TerminalText.Escape(safe), safe);
    }

    [Property(MaxTest = 500)]
    public Property Escaped_json_means_the_same_and_holds_no_bidirectional_character() =>
        Prop.ForAll(
            Gen.OneOf(ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get), Gen.Elements("\u202eevil", "a\u2066b\u2069", "\u001b]0;x\u0007\r\n", "\u200f")).ToArbitrary(),
            text =>
            {
                var json = JsonSerializer.Serialize(new Dictionary<string, string> { [text] = text }, CliJsonContext.Output.DictionaryStringString);

                var escaped = TerminalText.EscapeJson(json);

                escaped.Any(IsUnsafe).Should().BeFalse(escaped);
                JsonSerializer.Deserialize(escaped, CliJsonContext.Output.DictionaryStringString)
                    .Should().Equal(JsonSerializer.Deserialize(json, CliJsonContext.Output.DictionaryStringString));
            });

    [Fact]
    public void The_json_encoder_alone_lets_bidirectional_overrides_through()
    {
        // Why EscapeJson exists: the relaxed encoder escapes control characters, not U+202E.
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["event"] = "\u001b\u202e" }, CliJsonContext.Output.DictionaryStringString);

        json.Should().Contain("\\u001B").And.Contain("\u202e");
        TerminalText.EscapeJson(json).Should().Be("""{"event":"\u001B\u202E"}""");
    }

    private static bool IsUnsafe(char c) => TerminalSafety.IsUnsafe(c);
}

namespace WebhookSignatures.Docs.Tests;

/// <summary>The comments that describe runs: read as written, and refused with a reason when they cannot be followed.</summary>
public sealed class RunAnnotationTests
{
    [Fact]
    public void Words_are_read_across_lines_and_quoted_values_keep_their_spaces()
    {
        var annotation = RunAnnotation.Parse("""
            run: scheme=slack post=/slack/commands
              header='X-Extra: one two' body='text=a b' signed=200
            """);

        annotation.Values.Select(v => v.Key).Should().Equal("scheme", "post", "header", "body", "signed");
        annotation.One("header").Should().Be("X-Extra: one two");
        annotation.One("body").Should().Be("text=a b");
    }

    [Fact]
    public void A_receiving_check_reads_what_to_send_and_what_is_promised()
    {
        var check = ReceivingCheck.From(RunAnnotation.Parse(
            "run: scheme=zoom post=/zoom secret=Webhooks:Zoom:Secrets:0 header='A: b' signed=200 answer=handshake tampered=401 again=answered"));

        check.Should().BeEquivalentTo(new
        {
            Method = "POST",
            Path = "/zoom",
            Scheme = "zoom",
            SecretKey = "Webhooks:Zoom:Secrets:0",
            Body = "{}",
            Signed = 200,
            Answer = ReceivingCheck.HandshakeAnswer,
            Tampered = 401,
            AgainAnswered = true,
            ContentType = "application/json",
        });
        check.Headers.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("A", "b"));
        ReceivingCheck.From(RunAnnotation.Parse("run: get=/healthz status=200 answer=Healthy")).Status.Should().Be(200);
        ReceivingCheck.From(RunAnnotation.Parse("run: get=/h status=200 config=A:B=c=d")).Configuration.Should().Equal("A:B=c=d");
        ReceivingCheck.From(RunAnnotation.Parse("run: scheme=slack post=/c secret=S body='a=b' signed=200 tampered=401")).ContentType.Should().Be("application/x-www-form-urlencoded");
    }

    [Theory]
    [InlineData("run: scheme=github post=/h secret=S signed=204 tampered=401 colour=blue", "colour= is not a key here")]
    [InlineData("run: scheme=github post=/h secret=S signed=204", "needs secret=, signed= and tampered=")]
    [InlineData("run: scheme=github post=/h signed=204 tampered=401", "needs secret=, signed= and tampered=")]
    [InlineData("run: post=/h signed=204", "an unsigned request")]
    [InlineData("run: scheme=github secret=S signed=204 tampered=401", "give one of post=/path or get=/path")]
    [InlineData("run: scheme=github post=h secret=S signed=204 tampered=401", "must start with /")]
    [InlineData("run: scheme=github post=/h secret=S signed=2O4 tampered=401", "not an HTTP status code")]
    [InlineData("run: scheme=github post=/h secret=S signed=204 tampered=401 body='{", "not closed")]
    [InlineData("run: scheme=github post=/h secret=S signed=204 tampered=401 loose", "is not key=value")]
    [InlineData("run: scheme=github post=/h post=/i secret=S signed=204 tampered=401", "given 2 times")]
    [InlineData("run: scheme=slack post=/h secret=S signed=200 tampered=401 again=answered", "again=answered repeats answer=")]
    [InlineData("run: scheme=slack post=/h secret=S signed=200 tampered=401 config=Webhooks:Slack:Tolerance", "is not Config:Key=value")]
    public void A_check_that_cannot_be_followed_is_refused_with_the_reason(string comment, string reason)
    {
        var read = () => ReceivingCheck.From(RunAnnotation.Parse(comment));

        read.Should().Throw<FormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void A_block_not_run_says_why()
    {
        RunAnnotation.Parse("not run: it sends to a public name").NotRunReason.Should().Be("it sends to a public name");
        ((Action)(() => RunAnnotation.Parse("not run:"))).Should().Throw<FormatException>().WithMessage("*say why*");
    }

    [Fact]
    public void A_sender_runs_against_loopback_only()
    {
        SendingCheck.From(RunAnnotation.Parse("run: to=127.0.0.1:5080 secret-env=S prints='204 No Content'")).Prints.Should().Be("204 No Content");
        ((Action)(() => SendingCheck.From(RunAnnotation.Parse("run: to=hooks.example.com:443 secret-env=S prints=x"))))
            .Should().Throw<FormatException>().WithMessage("*not a loopback address*");
    }

    [Fact]
    public void The_comments_right_above_a_fence_belong_to_it()
    {
        const string Page = "text\n<!-- other -->\nmore\n<!-- run: a=1 -->\n\n<!-- run: b=2\n c=3 -->\n```csharp\n";

        DocumentedCode.CommentsAbove(Page, Page.IndexOf("```", StringComparison.Ordinal)).Should().Equal("run: a=1", "run: b=2\n c=3");
    }

    [Fact]
    public void Only_comments_that_begin_a_line_outside_code_blocks_are_counted()
    {
        const string Page = "<!-- run: a=1 -->\n```text\n<!-- run: shown=1 -->\n```\nsay `<!-- not run: why -->` inline\n  <!-- not run: why -->\n";

        DocumentedCode.CountRunComments(Page).Should().Be(2);
    }
}

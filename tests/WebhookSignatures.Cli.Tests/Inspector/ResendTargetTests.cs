using WebhookSignatures.Cli.Inspector;

namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>Resend posts to the receiver itself, whatever path a sender sent: never to a host the path names.</summary>
public sealed class ResendTargetTests
{
    private static readonly Uri Receiver = new("http://127.0.0.1:5080/");

    [Theory]
    [InlineData("/hooks/github", "http://127.0.0.1:5080/hooks/github")]
    [InlineData("/hooks/twilio?bodySHA256=ab&x=1", "http://127.0.0.1:5080/hooks/twilio?bodySHA256=ab&x=1")]
    [InlineData("//attacker.example/x", "http://127.0.0.1:5080//attacker.example/x")]
    [InlineData("//169.254.169.254/latest/meta-data", "http://127.0.0.1:5080//169.254.169.254/latest/meta-data")]
    [InlineData("/a/../../b", "http://127.0.0.1:5080/b")]
    public void The_target_is_the_receivers_own_address_with_the_received_path(string pathAndQuery, string expected)
    {
        var target = InspectorResend.ResendTarget(Receiver, pathAndQuery);

        target.Authority.Should().Be("127.0.0.1:5080");
        target.Scheme.Should().Be("http");
        target.AbsoluteUri.Should().Be(expected);
    }

    [Fact]
    public void A_network_path_reference_resolved_the_old_way_would_have_left_the_machine()
    {
        // What `new Uri(receiver, path)` does with such a path, and why resend does not use it.
        new Uri(Receiver, "//attacker.example/x").Host.Should().Be("attacker.example");
        InspectorResend.ResendTarget(Receiver, "//attacker.example/x").Host.Should().Be("127.0.0.1");
    }
}

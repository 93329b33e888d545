using WebhookSignatures.Models;
using WebhookSignatures.Models.Snyk;

namespace WebhookSignatures.Tests.Models;

/// <summary>A parse result is either a value or an error with a message, never both.</summary>
public sealed class WebhookParseResultTests
{
    [Fact]
    public void A_success_carries_the_value_and_no_error()
    {
        var ping = new SnykPingEvent { WebhookId = "w" };

        var result = WebhookParseResult.Success<SnykEvent>(ping);

        result.IsSuccess.Should().BeTrue();
        result.Value.Should().BeSameAs(ping);
        result.Error.Should().Be(WebhookParseError.None);
        result.ErrorMessage.Should().BeNull();
        result.GetValueOrThrow().Should().BeSameAs(ping);
        result.ToString().Should().Be("Parsed (SnykPingEvent)");
    }

    [Fact]
    public void A_failure_carries_the_error_and_message_and_throws_them_on_demand()
    {
        var result = WebhookParseResult.Failure<SnykEvent>(WebhookParseError.MalformedJson, "Unexpected end of data.");

        result.IsSuccess.Should().BeFalse();
        result.Value.Should().BeNull();
        result.ToString().Should().Be("Failed (MalformedJson: Unexpected end of data.)");
        var thrown = result.Invoking(r => r.GetValueOrThrow()).Should().Throw<WebhookParseException>().Which;
        thrown.Error.Should().Be(WebhookParseError.MalformedJson);
        thrown.Message.Should().Be("Unexpected end of data.");
    }

    [Fact]
    public void A_failure_without_an_error_or_message_is_a_programming_error()
    {
        var noError = () => WebhookParseResult.Failure<SnykEvent>(WebhookParseError.None, "message");
        var noMessage = () => WebhookParseResult.Failure<SnykEvent>(WebhookParseError.WrongShape, "");
        var noValue = () => WebhookParseResult.Success<SnykEvent>(null!);

        noError.Should().Throw<ArgumentOutOfRangeException>();
        noMessage.Should().Throw<ArgumentException>();
        noValue.Should().Throw<ArgumentNullException>();
    }
}

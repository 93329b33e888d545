using WebhookSignatures.Models.Snyk;

namespace WebhookSignatures.Tests.Models;

/// <summary>The descriptive Snyk headers are read leniently: a bad value is absent, never an exception.</summary>
public sealed class SnykDeliveryHeadersTests
{
    [Fact]
    public void The_documented_example_headers_are_read_into_event_transport_id_and_time()
    {
        var headers = new WebhookHeaders
        {
            { "x-snyk-event", "project_snapshot/v0" },
            { "X-Snyk-Transport-ID", "998fe884-18a0-45db-8ae0-e379eea3bc0a" },
            { "X-Snyk-Timestamp", "2020-09-25T15:27:53Z" },
        };

        var delivery = SnykDeliveryHeaders.Read(headers);

        delivery.Event.Should().Be(new SnykEventHeader("project_snapshot", "v0"));
        delivery.TransportId.Should().Be(Guid.Parse("998fe884-18a0-45db-8ae0-e379eea3bc0a"));
        delivery.Timestamp.Should().Be(new DateTimeOffset(2020, 9, 25, 15, 27, 53, TimeSpan.Zero));
    }

    [Fact]
    public void Missing_headers_are_null()
    {
        var delivery = SnykDeliveryHeaders.Read(new WebhookHeaders());

        delivery.Event.Should().BeNull();
        delivery.TransportId.Should().BeNull();
        delivery.Timestamp.Should().BeNull();
    }

    [Fact]
    public void Values_in_the_wrong_format_are_null()
    {
        var headers = new WebhookHeaders
        {
            { "X-Snyk-Event", " " },
            { "X-Snyk-Transport-ID", "delivery-1" },
            { "X-Snyk-Timestamp", "yesterday" },
        };

        var delivery = SnykDeliveryHeaders.Read(headers);

        delivery.Event.Should().BeNull();
        delivery.TransportId.Should().BeNull();
        delivery.Timestamp.Should().BeNull();
    }
}

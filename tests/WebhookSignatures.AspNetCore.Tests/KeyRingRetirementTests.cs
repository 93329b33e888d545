using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>Rings replaced by a reload are disposed (their keys zeroed) as soon as no request uses them, never before.</summary>
public sealed class KeyRingRetirementTests
{
    [Fact]
    public async Task A_replaced_ring_that_no_request_holds_is_disposed_at_once()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var options = new SwitchableOptions(app.Services, "snyk");
        using var catalog = CreateCatalog(app, options);

        var first = catalog.Acquire("snyk");
        first.Release();
        options.Switch();
        var second = catalog.Acquire("snyk");
        second.Release();

        second.Should().NotBeSameAs(first);
        first.IsRetired.Should().BeTrue();
        first.Invoking(f => f.Keys.GetKey(0)).Should().Throw<ObjectDisposedException>("the ring was disposed and its keys zeroed");
        second.IsRetired.Should().BeFalse();
        second.Keys.GetKey(0).Length.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_replaced_ring_stays_usable_until_the_last_request_holding_it_finishes()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var options = new SwitchableOptions(app.Services, "snyk");
        using var catalog = CreateCatalog(app, options);

        var inFlight = catalog.Acquire("snyk");
        var alsoInFlight = catalog.Acquire("snyk");
        options.Switch();
        catalog.Acquire("snyk").Release();

        inFlight.Should().BeSameAs(alsoInFlight);
        inFlight.IsRetired.Should().BeFalse();
        inFlight.Release();
        inFlight.Keys.GetKey(0).Length.Should().BeGreaterThan(0, "one request still uses the ring");
        alsoInFlight.Release();
        inFlight.IsRetired.Should().BeTrue();
        inFlight.Invoking(f => f.Keys.GetKey(0)).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Disposing_the_catalog_disposes_the_current_rings()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var catalog = CreateCatalog(app, new SwitchableOptions(app.Services, "snyk"));
        var current = catalog.Acquire("snyk");
        current.Release();

        catalog.Dispose();

        current.IsRetired.Should().BeTrue();
    }

    [Fact]
    public async Task Deliveries_keep_verifying_across_many_reloads()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var options = new SwitchableOptions(app.Services, "snyk");
        using var catalog = CreateCatalog(app, options);
        var seen = new List<ActiveWebhookRegistration>();

        for (var i = 0; i < 20; i++)
        {
            var active = catalog.Acquire("snyk");
            seen.Add(active);
            options.Switch();
            active.Keys.GetKey(0).Length.Should().BeGreaterThan(0);
            active.Release();
        }

        catalog.Acquire("snyk").Release();
        seen.Should().OnlyContain(a => a.IsRetired, "every ring was replaced and released");
    }

    private static WebhookRegistrations CreateCatalog(TestApp app, SwitchableOptions options) =>
        new(app.Services.GetServices<WebhookRegistration>(), app.Services.GetRequiredService<WebhookSchemeCatalog>(), options, TimeProvider.System);

    /// <summary>An options monitor whose instance for one name changes on demand, as a reload does.</summary>
    private sealed class SwitchableOptions(IServiceProvider services, string name) : IOptionsMonitor<WebhookRegistrationOptions>
    {
        private readonly IOptionsMonitor<WebhookRegistrationOptions> _inner = services.GetRequiredService<IOptionsMonitor<WebhookRegistrationOptions>>();
        private WebhookRegistrationOptions _current = Copy(services.GetRequiredService<IOptionsMonitor<WebhookRegistrationOptions>>().Get(name));

        public WebhookRegistrationOptions CurrentValue => _current;

        public WebhookRegistrationOptions Get(string? optionsName) => optionsName == name ? _current : _inner.Get(optionsName);

        public IDisposable? OnChange(Action<WebhookRegistrationOptions, string?> listener) => null;

        public void Switch() => _current = Copy(_current);

        private static WebhookRegistrationOptions Copy(WebhookRegistrationOptions source)
        {
            var copy = new WebhookRegistrationOptions { MaxBodySize = source.MaxBodySize, Tolerance = source.Tolerance };
            foreach (var secret in source.Secrets)
            {
                copy.Secrets.Add(secret);
            }

            return copy;
        }
    }
}

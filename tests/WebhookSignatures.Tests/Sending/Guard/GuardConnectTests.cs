using System.Net;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Tests.Sending.Guard;

/// <summary>
/// The guard as the connect step of a real <see cref="SocketsHttpHandler"/>: literal addresses in every spelling, names
/// that resolve into each refused range, and a name whose second lookup changes. Names are answered by a scripted
/// resolver and connections go through a connector that opens nothing but loopback, so no test can reach another host.
/// </summary>
public sealed class GuardConnectTests
{
    public static TheoryData<string, string> Blocked
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (address, rule) in BlockedAddresses.Cases)
            {
                data.Add(address, rule);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task A_name_that_resolves_into_a_refused_range_is_refused_by_its_rule_before_connecting(string address, string rule)
    {
        using var guarded = new GuardedHandler();
        guarded.Resolver.Always("receiver.test", address);

        var refused = await guarded.RefusedAsync("http://receiver.test/hooks");

        refused.Rule.Should().Be(rule);
        refused.Address.Should().Be(IPAddress.Parse(address));
        refused.Message.Should().StartWith($"Refused to connect to {IPAddress.Parse(address)}").And.Contain($" for receiver.test ({rule}:");
        guarded.Connector.Calls.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task A_refused_address_written_in_the_URL_is_refused_by_its_rule_without_a_lookup(string address, string rule)
    {
        using var guarded = new GuardedHandler();
        var parsed = IPAddress.Parse(address);
        var host = parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address.Replace("%", "%25", StringComparison.Ordinal)}]" : address;

        var refused = await guarded.RefusedAsync($"http://{host}/hooks");

        refused.Rule.Should().Be(rule);
        guarded.Resolver.Lookups.Should().BeEmpty();
        guarded.Connector.Calls.Should().BeEmpty();
    }

    public static TheoryData<string, string> LiteralSpellings => new()
    {
        { "http://169.254.169.254/latest/meta-data/", "link-local" },
        { "http://2852039166/", "link-local" }, // one decimal number
        { "http://0xA9FEA9FE/", "link-local" }, // one hexadecimal number
        { "http://0251.0376.0251.0376/", "link-local" }, // octal parts
        { "http://0xa9.0xfe.0xa9.0xfe/", "link-local" }, // hexadecimal parts
        { "http://169.254.43518/", "link-local" }, // three parts, the last 16 bits
        { "http://127.1/", "loopback" },
        { "http://0x7f.1/", "loopback" },
        { "http://0/", "this-network" },
        { "http://0.0.0.0:8080/", "this-network" },
        { "http://[::]/", "unspecified" },
        { "http://[::1]/", "loopback" },
        { "http://[0:0:0:0:0:0:0:1]/", "loopback" },
        { "http://[::ffff:127.0.0.1]/", "loopback" },
        { "http://[::ffff:7f00:1]/", "loopback" },
        { "http://[::ffff:169.254.169.254]/", "link-local" },
        { "http://[::ffff:a9fe:a9fe]/", "link-local" },
        { "http://[0:0:0:0:0:ffff:a9fe:a9fe]/", "link-local" },
        { "http://[::169.254.169.254]/", "link-local" }, // IPv4-compatible
        { "http://[64:ff9b::a9fe:a9fe]/", "link-local" }, // NAT64
        { "http://[64:ff9b::169.254.169.254]/", "link-local" },
        { "http://[64:ff9b:1::a9fe:a9fe]/", "nat64-local-use" },
        { "http://[2002:a9fe:a9fe::]/", "link-local" }, // 6to4
        { "http://[2001:0:4136:e378:8000:63bf:5601:5601]/", "link-local" }, // Teredo, client 169.254.169.254
        { "http://[fe80::1%25eth0]/", "link-local" }, // with a zone
        { "http://[FD00:EC2::254]/", "unique-local" },
        { "http://017700000001/", "loopback" }, // one octal number
        { "http://127.000.000.001/", "loopback" }, // zero-padded parts
        { "http://0x7f000001:80/", "loopback" },
        { "http://[::ffff:0:7f00:1]/", "reserved" }, // IPv4-translated (SIIT), outside global unicast
        { "http://[::ffff:127.0.0.1%25lo]/", "loopback" }, // mapped, with a zone
        { "http://[64:ff9b::0.0.0.0]/", "this-network" }, // NAT64 of 0.0.0.0
        { "http://[2002:0:0::]/", "this-network" }, // 6to4 of 0.0.0.0
    };

    [Theory]
    [MemberData(nameof(LiteralSpellings))]
    public async Task Every_spelling_of_a_literal_address_is_normalised_and_refused(string url, string rule)
    {
        using var guarded = new GuardedHandler();

        var refused = await guarded.RefusedAsync(url);

        refused.Rule.Should().Be(rule);
        guarded.Resolver.Lookups.Should().BeEmpty();
        guarded.Connector.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_name_with_one_internal_address_among_public_ones_is_refused()
    {
        using var guarded = new GuardedHandler();
        guarded.Resolver.Always("mixed.test", "8.8.8.8", "10.0.0.5", "2606:4700:4700::1111");

        var refused = await guarded.RefusedAsync("http://mixed.test/");

        refused.Rule.Should().Be("private-use");
        refused.Address.Should().Be(IPAddress.Parse("10.0.0.5"));
        guarded.Connector.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_name_whose_second_lookup_answers_an_internal_address_is_refused_on_that_connection()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        var options = new WebhookSenderOptions();
        options.AddressGuard.Allow("127.0.0.1");
        using var guarded = new GuardedHandler(options);
        guarded.Resolver.Answer("rebind.test", [IPAddress.Loopback], [IPAddress.Parse("169.254.169.254")]);
        var url = $"http://rebind.test:{receiver.Url.Port}/hooks";

        // The receiver closes every connection, so the second request needs a connection, and so a lookup, of its own.
        using (var first = await guarded.PostAsync(url, closeConnection: true))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var refused = await guarded.RefusedAsync(url);

        refused.Rule.Should().Be("link-local");
        guarded.Resolver.Lookups.Should().Equal("rebind.test", "rebind.test");
        guarded.Connector.Calls.Should().ContainSingle().Which.Should().Equal(IPAddress.Loopback);
        receiver.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task The_addresses_connected_to_are_exactly_those_the_lookup_answered_and_the_guard_checked()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        using var guarded = new GuardedHandler(new WebhookSenderOptions { AllowHttpToLoopback = true });
        guarded.Resolver.Always("localhost", "::1", "127.0.0.1");

        using var response = await guarded.PostAsync($"http://localhost:{receiver.Url.Port}/hooks");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        guarded.Resolver.Lookups.Should().Equal("localhost");
        guarded.Connector.Calls.Should().ContainSingle().Which.Should().Equal(IPAddress.IPv6Loopback, IPAddress.Loopback);
        receiver.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Loopback_is_refused_without_development_mode_before_any_connection()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        using var guarded = new GuardedHandler();
        guarded.Resolver.Always("localhost", "127.0.0.1");

        var byName = await guarded.RefusedAsync($"http://localhost:{receiver.Url.Port}/hooks");
        var byAddress = await guarded.RefusedAsync(receiver.Url.ToString());

        byName.Rule.Should().Be("loopback");
        byAddress.Rule.Should().Be("loopback");
        guarded.Connector.Calls.Should().BeEmpty();
        receiver.Connections.Should().Be(0);
    }

    [Fact]
    public async Task The_allow_list_lets_a_known_receiver_through_and_nothing_else()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        var options = new WebhookSenderOptions();
        options.AddressGuard.Allow("127.0.0.0/8");
        using var guarded = new GuardedHandler(options);
        guarded.Resolver.Always("internal.test", "127.0.0.1").Always("other.test", "127.0.0.1", "10.1.1.1");

        using (var response = await guarded.PostAsync($"http://internal.test:{receiver.Url.Port}/hooks"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await guarded.RefusedAsync($"http://other.test:{receiver.Url.Port}/hooks")).Rule.Should().Be("private-use");
        (await guarded.RefusedAsync($"http://[::1]:{receiver.Url.Port}/hooks")).Rule.Should().Be("loopback");
        receiver.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task The_allow_list_is_read_for_every_connection()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        using var guarded = new GuardedHandler();

        (await guarded.RefusedAsync(receiver.Url.ToString())).Rule.Should().Be("loopback");
        guarded.Options.AddressGuard.Allow("127.0.0.1");
        using var response = await guarded.PostAsync(receiver.Url.ToString());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_configured_proxy_is_connected_to_and_the_receivers_name_is_left_to_it()
    {
        await using var proxy = LoopbackReceiver.Accepting();
        var options = new WebhookSenderOptions();
        options.AddressGuard.Proxy = new WebProxy(new Uri($"http://127.0.0.1:{proxy.Url.Port}"));
        using var guarded = new GuardedHandler(options);

        using var response = await guarded.PostAsync("http://hooks.example.com/in");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        proxy.Received.Should().ContainSingle().Which.Target.Should().Be("http://hooks.example.com/in");
        guarded.Resolver.Lookups.Should().BeEmpty("the proxy resolves the receiver's name");
        guarded.Connector.Calls.Should().ContainSingle().Which.Should().Equal(IPAddress.Loopback);
    }

    [Fact]
    public async Task Only_the_configured_proxy_is_let_through_without_a_check()
    {
        var options = new WebhookSenderOptions();
        options.AddressGuard.Proxy = new WebProxy(new Uri("http://egress.test:3128"), BypassOnLocal: false, BypassList: ["internal\\.test"]);
        using var guarded = new GuardedHandler(options);
        guarded.Resolver.Always("internal.test", "10.9.9.9");

        // A bypassed host is connected to directly, so the guard checks it as it would without a proxy.
        var refused = await guarded.RefusedAsync("http://internal.test/in");

        refused.Rule.Should().Be("private-use");
        guarded.Connector.Calls.Should().BeEmpty();
    }

    [Fact]
    public void A_handler_with_a_connect_step_or_a_proxy_of_its_own_is_not_guarded_silently()
    {
        using var withCallback = new SocketsHttpHandler { ConnectCallback = (_, _) => ValueTask.FromResult<Stream>(Stream.Null) };
        using var withProxy = new SocketsHttpHandler { Proxy = new WebProxy("http://127.0.0.1:9") };
        var options = new WebhookSenderOptions();

        var callback = () => WebhookAddressGuard.Install(withCallback, () => options);
        var proxy = () => WebhookAddressGuard.Install(withProxy, () => options);

        callback.Should().Throw<InvalidOperationException>().WithMessage("*ConnectCallback of its own*");
        proxy.Should().Throw<InvalidOperationException>().WithMessage("*proxy of its own*AddressGuard.Proxy*");
    }

    [Fact]
    public void A_guarded_handler_uses_no_proxy_from_the_environment()
    {
        using var handler = new SocketsHttpHandler();
        handler.UseProxy.Should().BeTrue("by default a handler takes its proxy from the environment");

        WebhookAddressGuard.Install(handler, () => new WebhookSenderOptions());

        handler.UseProxy.Should().BeFalse();
        WebhookAddressGuard.IsInstalled(handler).Should().BeTrue();
    }
}

using System.Net;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Tests.Sending.Guard;

/// <summary>The guard's decision for one address, made without any socket.</summary>
public sealed class AddressDecisionTests
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

    public static TheoryData<string> Public => new(BlockedAddresses.Public);

    [Theory]
    [MemberData(nameof(Blocked))]
    public void Every_special_purpose_range_is_refused_by_its_named_rule(string address, string rule)
    {
        var refusal = AddressDecision.Check(IPAddress.Parse(address), allowLoopback: false, allowed: []);

        refusal.Should().NotBeNull();
        refusal!.Rule.Name.Should().Be(rule);
    }

    [Theory]
    [MemberData(nameof(Public))]
    public void Public_addresses_just_outside_the_ranges_pass(string address)
    {
        AddressDecision.Check(IPAddress.Parse(address), allowLoopback: false, allowed: []).Should().BeNull();
    }

    [Fact]
    public void Every_range_of_the_guard_has_a_case_that_refuses_an_address_inside_it_by_its_rule()
    {
        var cases = BlockedAddresses.Cases.Select(c => (Address: IPAddress.Parse(c.Address), c.Rule)).ToList();

        foreach (var (range, rule) in SpecialPurposeAddresses.All)
        {
            cases.Should().Contain(c => range.Contains(c.Address) && c.Rule == rule.Name, $"{range} ({rule.Name}) needs a case");
        }
    }

    public static TheoryData<string, string, string> CarriedForms => new()
    {
        { "::ffff:169.254.169.254", "link-local", "IPv4-mapped" },
        { "::ffff:a9fe:a9fe", "link-local", "IPv4-mapped" },
        { "::ffff:127.0.0.1", "loopback", "IPv4-mapped" },
        { "::ffff:10.1.2.3", "private-use", "IPv4-mapped" },
        { "::ffff:0.0.0.0", "this-network", "IPv4-mapped" },
        { "::169.254.169.254", "link-local", "IPv4-compatible" },
        { "::127.0.0.1", "loopback", "IPv4-compatible" },
        { "64:ff9b::a9fe:a9fe", "link-local", "NAT64" },
        { "64:ff9b::10.0.0.1", "private-use", "NAT64" },
        { "64:ff9b::127.0.0.1", "loopback", "NAT64" },
        { "2002:a9fe:a9fe::1", "link-local", "6to4" },
        { "2002:c0a8:101::", "private-use", "6to4" },
        { "2002:7f00:1::", "loopback", "6to4" },
        { "2001:0:4136:e378:8000:63bf:5601:5601", "link-local", "Teredo" },
        { "2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback", "Teredo" },
    };

    [Theory]
    [MemberData(nameof(CarriedForms))]
    public void An_IPv4_address_carried_in_an_IPv6_form_is_judged_by_the_IPv4_address(string address, string rule, string form)
    {
        var refusal = AddressDecision.Check(IPAddress.Parse(address), allowLoopback: false, allowed: [])!;

        refusal.Rule.Name.Should().Be(rule);
        refusal.Carried!.Value.Form.Should().Be(form);
        var message = refusal.ToException(null, GuardAdvice.Options).Message;
        message.Should().Contain(form).And.Contain(refusal.Carried.Value.Address.ToString()).And.Contain(rule);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Development_mode_lets_loopback_through(string address)
    {
        AddressDecision.Check(IPAddress.Parse(address), allowLoopback: true, allowed: []).Should().BeNull();
        AddressDecision.Check(IPAddress.Parse(address), allowLoopback: false, allowed: [])!.Rule.Name.Should().Be("loopback");
    }

    [Theory]
    [InlineData("0.0.0.0", "this-network")]
    [InlineData("::", "unspecified")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("10.0.0.1", "private-use")]
    [InlineData("fd00::1", "unique-local")]
    [InlineData("::127.0.0.1", "loopback")] // IPv4-compatible: no longer a way to this host
    [InlineData("64:ff9b::127.0.0.1", "loopback")] // NAT64: a translator elsewhere, not this host
    [InlineData("2002:7f00:1::", "loopback")] // 6to4: a relay elsewhere
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback")] // Teredo: a tunnel
    public void Development_mode_lets_nothing_else_through(string address, string rule)
    {
        AddressDecision.Check(IPAddress.Parse(address), allowLoopback: true, allowed: [])!.Rule.Name.Should().Be(rule);
    }

    [Theory]
    [InlineData("10.20.0.0/16", "10.20.3.4", true)]
    [InlineData("10.20.0.0/16", "10.21.0.1", false)]
    [InlineData("10.20.3.4", "10.20.3.4", true)]
    [InlineData("10.20.3.4", "10.20.3.5", false)]
    [InlineData("10.20.0.0/16", "::ffff:10.20.3.4", true)]
    [InlineData("10.20.0.0/16", "64:ff9b::10.20.3.4", true)]
    [InlineData("10.20.0.0/16", "2002:a14:304::", false)] // 6to4 goes through a relay, not to the allowed network
    [InlineData("fd12:3456::/32", "fd12:3456::9", true)]
    [InlineData("fd12:3456::/32", "fd12:3457::9", false)]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "::1", false)]
    public void The_allow_list_lets_exactly_its_addresses_and_ranges_through(string allowed, string address, bool passes)
    {
        var options = new WebhookAddressGuardOptions().Allow(allowed);

        var refusal = AddressDecision.Check(IPAddress.Parse(address), allowLoopback: false, options.AllowedNetworks);

        (refusal is null).Should().Be(passes);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0")]
    [InlineData("internal.example")]
    [InlineData("")]
    public void An_allow_list_entry_that_is_not_an_address_or_range_is_refused_with_a_clear_message(string entry)
    {
        var allow = () => new WebhookAddressGuardOptions().Allow(entry);

        allow.Should().Throw<FormatException>().WithMessage("*not an IP address or a range in CIDR notation*");
    }

    [Fact]
    public void The_refusal_names_the_address_the_host_the_rule_and_the_way_around_it()
    {
        var refusal = AddressDecision.Check(IPAddress.Parse("169.254.169.254"), allowLoopback: false, allowed: [])!;

        var exception = refusal.ToException("metadata.example", GuardAdvice.Options);

        exception.Message.Should().StartWith("Refused to connect to 169.254.169.254 for metadata.example (link-local: the cloud metadata range, 169.254.0.0/16).");
        exception.Message.Should().Contain("AddressGuard");
        exception.Rule.Should().Be("link-local");
        exception.Address.Should().Be(IPAddress.Parse("169.254.169.254"));
        exception.HttpRequestError.Should().Be(HttpRequestError.ConnectionError);
    }

    [Fact]
    public void A_loopback_refusal_says_how_development_mode_allows_it()
    {
        var refusal = AddressDecision.Check(IPAddress.Loopback, allowLoopback: false, allowed: [])!;

        refusal.ToException("localhost", GuardAdvice.Options).Message.Should().Contain("AllowHttpToLoopback");
    }
}

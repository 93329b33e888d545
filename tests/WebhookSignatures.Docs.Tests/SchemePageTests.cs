using System.Globalization;
using WebhookSignatures.Ed25519;

namespace WebhookSignatures.Docs.Tests;

/// <summary>Each scheme's page states how long a handled delivery is remembered by default, as its catalog row says.</summary>
public sealed class SchemePageTests
{
    public static TheoryData<string> Schemes() =>
        [.. WebhookSchemeCatalog.BuiltIn.WithEd25519().All.Select(static s => s.Name).Where(static n => n != "github-sha1")];

    [Theory]
    [MemberData(nameof(Schemes))]
    public void A_scheme_page_states_its_default_time_to_live(string scheme)
    {
        var row = WebhookSchemeCatalog.BuiltIn.WithEd25519().Get(scheme);
        var days = (row.DefaultTimeToLive ?? TimeSpan.FromDays(1)).TotalDays;
        var page = File.ReadAllText(Path.Combine(DocumentedCode.Root, "docs", "schemes", scheme + ".md"));

        var expected = string.Create(CultureInfo.InvariantCulture, $"**Time to live:** {days:0} day{(days == 1 ? "" : "s")} by default");
        page.Should().Contain(expected, $"the {scheme} row's default time to live is {days} days");
    }
}

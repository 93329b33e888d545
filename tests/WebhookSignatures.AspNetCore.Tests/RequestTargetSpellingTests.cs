using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A request-signing sender signs the URL as it wrote it. The path as ASP.NET Core re-escapes it (<c>%7E</c> as <c>~</c>,
/// <c>%c3%a9</c> as <c>%C3%A9</c>) is another string, so the verifier uses the request line's raw target when it has one.
/// </summary>
public sealed class RequestTargetSpellingTests
{
    [Theory]
    [InlineData("/hooks/caf%c3%a9?tenant=acme", "/hooks/café")]
    [InlineData("/hooks/a%7Eb", "/hooks/a~b")]
    [InlineData("/hooks/plain?x=1&y=%2F", "/hooks/plain")]
    public void The_url_is_the_raw_target_as_the_sender_wrote_it(string rawTarget, string decodedPath)
    {
        var context = Request(rawTarget, decodedPath);

        var target = HttpRequestWebhookTarget.From(context.Request, publicBaseUrl: null);

        target.Url!.OriginalString.Should().Be("https://hooks.example.com" + rawTarget);
        target.Method.Should().Be("POST");
    }

    [Fact]
    public void Behind_a_public_base_url_the_raw_path_and_query_follow_it()
    {
        var context = Request("/in/caf%c3%a9?t=1", "/in/café");

        var target = HttpRequestWebhookTarget.From(context.Request, new Uri("https://public.example.com/webhooks"));

        target.Url!.OriginalString.Should().Be("https://public.example.com/webhooks/in/caf%c3%a9?t=1");
    }

    [Fact]
    public void Without_a_raw_target_or_with_a_path_base_the_escaped_path_is_used()
    {
        var none = Request(string.Empty, "/hooks/a~b");
        var based = Request("/base/hooks/x", "/hooks/x");
        based.Request.PathBase = "/base";

        HttpRequestWebhookTarget.From(none.Request, null).Url!.OriginalString.Should().Be("https://hooks.example.com/hooks/a~b");
        HttpRequestWebhookTarget.From(based.Request, null).Url!.OriginalString.Should().Be("https://hooks.example.com/base/hooks/x");
    }

    private static DefaultHttpContext Request(string rawTarget, string decodedPath)
    {
        var context = new DefaultHttpContext();
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("hooks.example.com");
        context.Request.Path = decodedPath;
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(rawTarget[query..]);
        return context;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// The inspector's HTML, with the deliveries already received in it. Everything a sender sent is HTML-encoded
/// here; inspector.js builds the same markup for live deliveries with <c>textContent</c> only.
/// </summary>
internal static class InspectorPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The page up to its list of deliveries, which follow newest first (<see cref="Article"/>), then <see cref="Tail"/>.</summary>
    /// <param name="listening">Where the receiver listens, and its scheme.</param>
    /// <param name="count">How many deliveries follow.</param>
    /// <param name="last">The newest one's number, 0 for none: the page's live updates start after it.</param>
    /// <param name="capacity">How many the inspector keeps.</param>
    /// <param name="run">This run's id, which the live updates check.</param>
    public static string Head(string listening, int count, long last, int capacity, string run) => string.Create(CultureInfo.InvariantCulture, $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>webhooksig inspector</title>
        <link rel="stylesheet" href="{{InspectorEndpoints.BasePath}}/inspector.css">
        <script src="{{InspectorEndpoints.BasePath}}/inspector.js" defer></script>
        </head>
        <body>
        <header class="top">
        <h1>webhooksig inspector</h1>
        <p class="listening">Receiving on <code>{{E(listening)}}</code>; the last {{capacity}} deliveries are kept. <span id="connection" class="connection">connecting…</span></p>
        </header>
        <main>
        <p id="empty" class="empty"{{(count == 0 ? string.Empty : " hidden")}}>No deliveries yet: point a sender here, or run <code>webhooksig send</code>.</p>
        <section id="deliveries" data-last="{{last}}" data-run="{{E(run)}}">

        """);

    /// <summary>The end of the page, after the last delivery.</summary>
    public const string Tail = """
        </section>
        </main>
        </body>
        </html>

        """;

    /// <summary>One delivery's article, everything the sender sent HTML-encoded.</summary>
    public static string Article(InspectedDelivery delivery)
    {
        var page = new StringBuilder(2048 + (delivery.BodyView.Text.Length * 2));
        AppendDelivery(page, delivery);
        return page.ToString();
    }

    private static void AppendDelivery(StringBuilder page, InspectedDelivery d)
    {
        var sequence = d.Sequence.ToString(CultureInfo.InvariantCulture);
        var length = d.BodyView.Length.ToString(CultureInfo.InvariantCulture);
        page.Append(CultureInfo.InvariantCulture, $"<article class=\"delivery outcome-{E(d.Outcome)}\" id=\"delivery-{sequence}\" data-sequence=\"{sequence}\">\n");
        page.Append(CultureInfo.InvariantCulture, $"<header class=\"summary\"><span class=\"sequence\">#{sequence}</span> <time datetime=\"{E(d.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}\">{E(FormatTime(d.Time))}</time> ");
        page.Append(CultureInfo.InvariantCulture, $"<span class=\"scheme\">{E(d.Scheme ?? "-")}</span> <span class=\"event\">{E(d.EventName ?? "-")}</span>");
        if (d.EventName is not null && !d.Verified)
        {
            page.Append(" <span class=\"unverified\">unverified</span>");
        }

        page.Append(CultureInfo.InvariantCulture, $" <span class=\"verdict\">{E(d.Outcome)} {d.Status}</span>");
        if (d.Reason is not null)
        {
            page.Append(CultureInfo.InvariantCulture, $" <span class=\"reason\">{E(d.Reason)}</span>");
        }

        page.Append("</header>\n");
        page.Append(CultureInfo.InvariantCulture, $"<p class=\"request\"><code>{E(d.Method)} {E(d.PathAndQuery)}</code> · {length} bytes");
        if (d.SavedAs is not null)
        {
            page.Append(CultureInfo.InvariantCulture, $" · saved as <code class=\"saved-as\">{E(d.SavedAs)}</code>");
        }

        page.Append("</p>\n");
        if (d.Hints.Count > 0)
        {
            page.Append("<ul class=\"hints\">");
            foreach (var hint in d.Hints)
            {
                page.Append(CultureInfo.InvariantCulture, $"<li>{E(hint)}</li>");
            }

            page.Append("</ul>\n");
        }

        page.Append("<div class=\"actions\"><button type=\"button\" data-action=\"copy\">Copy as webhooksig verify command</button> ");
        page.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" data-action=\"resend\"{(d.Truncated ? " disabled title=\"the body was over the limit and is not kept whole\"" : string.Empty)}>Resend</button> <output class=\"action-result\"></output></div>\n");
        page.Append(CultureInfo.InvariantCulture, $"<details class=\"command-details\"><summary>webhooksig verify command</summary><pre class=\"command\">{E(d.VerifyCommand)}</pre></details>\n");
        page.Append(CultureInfo.InvariantCulture, $"<details class=\"headers-details\"><summary>Headers ({d.Headers.Count})</summary><table class=\"headers\"><tbody>");
        foreach (var (name, value) in d.Headers)
        {
            page.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(name)}</th><td>{E(value)}</td></tr>");
        }

        page.Append("</tbody></table></details>\n");
        page.Append(CultureInfo.InvariantCulture, $"<details class=\"body-details\" open><summary>Body ({length} bytes)</summary>");
        if (d.BodyView.Note is { } note)
        {
            page.Append(CultureInfo.InvariantCulture, $"<p class=\"body-note\">{E(note)}</p>");
        }

        if (d.BodyView.Formatted is { } formatted)
        {
            page.Append(CultureInfo.InvariantCulture, $"<h3>Formatted ({E(d.BodyView.FormattedKind!)})</h3><pre class=\"body-formatted\">{E(formatted)}</pre>");
        }

        page.Append(CultureInfo.InvariantCulture, $"<h3>Raw</h3><pre class=\"body-raw\">{E(d.BodyView.Text)}</pre></details>\n</article>\n");
    }

    private static string E(string text) => Html.Encode(text);
}

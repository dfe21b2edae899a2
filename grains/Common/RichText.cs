using Ganss.Xss;
using Markdig;

namespace Civic.Grains.Common;

/// <summary>
/// Members' Markdown (idea texts, box briefs, comments) as the HTML front-ends may insert as it is: Markdig
/// renders a subset (no raw HTML, no images, no tables), then HtmlSanitizer keeps only paragraphs, emphasis,
/// lists, quotes, code and links to http, https or mailto, which open with <c>rel="nofollow noopener"</c>.
/// Rendered once when the text is written, never per read.
/// </summary>
public static class RichText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly string[] Tags = ["p", "br", "strong", "em", "del", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h3", "h4"];

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The sanitised HTML of <paramref name="markdown"/>.</summary>
    public static string ToHtml(string markdown)
    {
        // Headings are for the page around the text: a member's "#" and "##" become the levels the site leaves free.
        var html = Markdown.ToHtml(markdown, Pipeline)
            .Replace("<h1", "<h3", StringComparison.Ordinal).Replace("</h1>", "</h3>", StringComparison.Ordinal)
            .Replace("<h2", "<h4", StringComparison.Ordinal).Replace("</h2>", "</h4>", StringComparison.Ordinal)
            .Replace("<h5", "<h4", StringComparison.Ordinal).Replace("</h5>", "</h4>", StringComparison.Ordinal)
            .Replace("<h6", "<h4", StringComparison.Ordinal).Replace("</h6>", "</h4>", StringComparison.Ordinal);
        lock (Sanitizer) // its events and options are shared state; not documented as safe for concurrent use
        {
            return Sanitizer.Sanitize(html).Trim();
        }
    }

    /// <summary>The text without its Markdown, for search and previews.</summary>
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener");
            }
        };
        return sanitizer;
    }
}

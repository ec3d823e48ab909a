using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Ngdbt.Docs.Site;

/// <summary>
/// Markdown → HTML at generate time. Raw HTML is disabled (rendered as text), no attribute extensions,
/// and link/image URLs with script-capable schemes are neutralised, so the output is safe for innerHTML.
/// </summary>
internal static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    private static readonly string[] SafeSchemes = ["http:", "https:", "mailto:"];

    public static string ToHtml(string markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        if (IsPlainText(markdown)) return "<p>" + System.Net.WebUtility.HtmlEncode(markdown.Trim()) + "</p>\n";
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafeUrl(link.Url)) link.Url = "#";
        foreach (var auto in document.Descendants<AutolinkInline>())
            if (!IsSafeUrl(auto.Url)) auto.Url = "#";
        return document.ToHtml(Pipeline);
    }

    /// <summary>Fast path: one line with no Markdown syntax renders to a single escaped paragraph.</summary>
    private static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch is '*' or '[' or ']' or '#' or '<' or '>' or '`' or '!' or '|' or '~' or '&' or '\\' or '\n' or '\r' or '-' or '+' or '=' or '@')
                return false;
            // intra-word underscores (snake_case) never start emphasis
            if (ch == '_' && (i == 0 || i == text.Length - 1 || !char.IsLetterOrDigit(text[i - 1]) || !char.IsLetterOrDigit(text[i + 1])))
                return false;
        }
        var first = text.TrimStart();
        return first.Length > 0 && !char.IsDigit(first[0]) && !text.Contains("://", StringComparison.Ordinal)
            && !text.Contains("www.", StringComparison.OrdinalIgnoreCase);
    }

    internal static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var trimmed = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = trimmed.IndexOf(':');
        if (colon < 0) return true; // relative or fragment
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        if (slash >= 0 && slash < colon) return true; // colon is in the path, not a scheme
        return SafeSchemes.Any(s => trimmed.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}

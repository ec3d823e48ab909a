using System.Text.RegularExpressions;
using Ngdbt.Diagnostics;
using Scriban.Syntax;

namespace Ngdbt.Templating;

/// <summary>
/// dbt projects are written in Jinja; ngdbt templates are Scriban. A Jinja statement such as <c>{% if … %}</c> or a
/// <c>{# … #}</c> comment is plain text to Scriban, so it would pass silently into the SQL (or, in macros/, define
/// nothing). This finds them in the template's text parts and says what to write instead.
/// </summary>
internal static partial class JinjaSyntax
{
    private const int MaxPerFile = 10;

    [GeneratedRegex(@"\{%-?\s*(?<tag>[a-z_]+)\b(?<rest>.*?)-?%\}|\{#.*?#\}", RegexOptions.Singleline)]
    private static partial Regex Tag();

    private static readonly HashSet<string> Statements = new(StringComparer.Ordinal)
    {
        "if", "elif", "else", "endif", "for", "endfor", "macro", "endmacro", "set", "endset", "call", "endcall",
        "filter", "endfilter", "raw", "endraw", "test", "endtest", "do", "snapshot", "endsnapshot", "materialization",
        "endmaterialization", "docs", "enddocs", "block", "endblock", "break", "continue",
    };

    /// <summary>Reports each Jinja tag that stands in the text (not inside <c>{{ }}</c> code) of a parsed template.</summary>
    public static void Report(string text, string file, ScriptPage? page, DiagnosticBag diagnostics)
    {
        if (page is null || (!text.Contains("{%", StringComparison.Ordinal) && !text.Contains("{#", StringComparison.Ordinal)))
        {
            return;
        }

        var rawSpans = new List<(int Start, int End)>();
        Collect(page, rawSpans);
        var reported = 0;
        foreach (Match m in Tag().Matches(text))
        {
            var tag = m.Groups["tag"];
            var isComment = !tag.Success;
            if ((!isComment && !Statements.Contains(tag.Value)) || !rawSpans.Any(s => m.Index >= s.Start && m.Index <= s.End))
            {
                continue;
            }

            var (line, column) = Position(text, m.Index);
            var shown = m.Value.Length > 60 ? m.Value[..57] + "..." : m.Value;
            diagnostics.Error(DiagnosticCodes.TemplateSyntax, new SourceSpan(file, line, column),
                $"Jinja {(isComment ? "comment" : "statement")} '{shown.ReplaceLineEndings(" ")}' is not ngdbt template syntax (templates are Scriban): write {Instead(isComment ? "#" : tag.Value, m.Groups["rest"].Value.Trim())}");
            if (++reported == MaxPerFile)
            {
                return;
            }
        }
    }

    private static string Instead(string tag, string rest) => tag switch
    {
        "#" => "'{{# comment }}'",
        "if" => $"'{{{{ if {rest} }}}}' ... '{{{{ end }}}}'",
        "elif" => $"'{{{{ else if {rest} }}}}'",
        "else" => "'{{ else }}'",
        "for" => $"'{{{{ for {rest} }}}}' ... '{{{{ end }}}}'",
        "macro" => $"'{{{{ func {rest} }}}}' ... '{{{{ end }}}}'",
        "test" => $"a macro named test_<name>: '{{{{ func test_{rest} }}}}' ... '{{{{ end }}}}'",
        "set" => $"'{{{{ {rest} }}}}' (Scriban assigns with '=')",
        "break" or "continue" => $"'{{{{ {tag} }}}}'",
        _ when tag.StartsWith("end", StringComparison.Ordinal) => "'{{ end }}'",
        _ => "the Scriban form inside '{{ }}' (README, Configuration reference)",
    };

    private static void Collect(ScriptNode node, List<(int, int)> spans)
    {
        if (node is ScriptRawStatement raw)
        {
            // Text inside Scriban's verbatim block {%{ ... }%} is meant literally, Jinja-looking or not.
            if (!raw.IsEscape)
            {
                spans.Add((raw.Span.Start.Offset, raw.Span.End.Offset));
            }

            return;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            if (node.GetChildren(i) is { } child)
            {
                Collect(child, spans);
            }
        }
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}

using Ngdbt.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;
using SourceSpan = Ngdbt.Diagnostics.SourceSpan;

namespace Ngdbt.Templating;

/// <summary>Parses SQL templates with Scriban, rewrites `this` (reserved by Scriban) and finds refs, sources and configs
/// by walking the whole AST, so a ref inside an `if` branch that does not run today is still a dependency.</summary>
public static class TemplateParser
{
    public const string ThisVariable = "__ngdbt_this";

    public static ParsedTemplate Parse(string text, string file, DiagnosticBag diagnostics, Func<ScriptFunctionCall, ConfigCall?>? evaluateConfig = null)
        => Parse(text, file, diagnostics, evaluateConfig, null);

    /// <param name="purity">When given, the result says whether the template is <see cref="ParsedTemplate.Pure"/> (it
    /// reads nothing but pure macros and what the render key of the partial parse caches holds).</param>
    internal static ParsedTemplate Parse(string text, string file, DiagnosticBag diagnostics, Func<ScriptFunctionCall, ConfigCall?>? evaluateConfig, TemplatePurity.MacroPurity? purity)
    {
        var template = Template.Parse(text, file);
        if (template.HasErrors)
        {
            // Scriban cascades several messages from one mistake; the first one is the useful one.
            var message = template.Messages.First(m => m.Type == ParserMessageType.Error);
            diagnostics.Error(DiagnosticCodes.TemplateSyntax, ToSpan(file, message.Span.Start), SyntaxMessage(message.Message));

            return new ParsedTemplate(file, text, null, [], [], [], []);
        }

        JinjaSyntax.Report(text, file, template.Page, diagnostics);

        // Rewriting copies the AST, so only templates that can mention `this` pay for it.
        var page = text.Contains("this", StringComparison.Ordinal) ? (ScriptPage)new ThisRewriter().Visit(template.Page)! : template.Page!;
        var refs = new List<RefCall>();
        var sources = new List<SourceCall>();
        var configs = new List<ConfigCall>();
        var called = new HashSet<string>(StringComparer.Ordinal);
        Walk(page, node =>
        {
            if (node is not ScriptFunctionCall call || call.Target is not ScriptVariable target)
            {
                return;
            }

            called.Add(target.Name);
            var span = ToSpan(file, call.Span.Start);
            switch (target.Name)
            {
                case "ref":
                    var refArgs = LiteralArgs(call);
                    if (refArgs is [{ } one])
                    {
                        refs.Add(new RefCall(one, null, span));
                    }
                    else if (refArgs is [{ } pkg, { } name])
                    {
                        refs.Add(new RefCall(name, pkg, span));
                    }
                    else
                    {
                        diagnostics.Error(DiagnosticCodes.TemplateSyntax, span, "ref() takes one or two string literals: ref('model') or ref('package', 'model')");
                    }

                    break;
                case "source":
                    if (LiteralArgs(call) is [{ } src, { } table])
                    {
                        sources.Add(new SourceCall(src, table, span));
                    }
                    else
                    {
                        diagnostics.Error(DiagnosticCodes.TemplateSyntax, span, "source() takes two string literals: source('source_name', 'table_name')");
                    }

                    break;
                case "config" when evaluateConfig is not null:
                    if (evaluateConfig(call) is { } cfg)
                    {
                        configs.Add(cfg);
                    }

                    break;
            }
        });

        return new ParsedTemplate(file, text, page, refs, sources, configs, Manifest.OrdinalSort.Sorted(called))
        {
            Pure = purity is not null && TemplatePurity.IsPureTemplate(page, purity),
        };
    }

    /// <summary>The AST of a template already known to parse without errors (one read from the partial parse cache).</summary>
    internal static ScriptPage ParseAst(string text, string file)
    {
        var template = Template.Parse(text, file);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"{file}: a template stored as parsing cleanly no longer does");
        }

        return text.Contains("this", StringComparison.Ordinal) ? (ScriptPage)new ThisRewriter().Visit(template.Page)! : template.Page!;
    }

    /// <summary>A small template given as a config value (a hook), with `this` meaning the node as in a model; null and
    /// the parser's messages when it does not parse.</summary>
    public static ScriptPage? ParseSnippet(string text, string file, out IReadOnlyList<string> errors)
    {
        var template = Template.Parse(text, file);
        errors = [.. template.Messages.Where(m => m.Type == Scriban.Parsing.ParserMessageType.Error).Select(m => SyntaxMessage(m.Message))];
        return template.HasErrors ? null : (ScriptPage)new ThisRewriter().Visit(template.Page)!;
    }

    /// <summary>Scriban's parser message, plus the fix when it is a dbt habit: Jinja's `name=value` keyword arguments,
    /// which Scriban reads as an assignment.</summary>
    public static string SyntaxMessage(string scriban) =>
        scriban.Contains("assign expression", StringComparison.Ordinal)
            ? $"template syntax: keyword arguments are written name: value in ngdbt templates (config(materialized: 'table'), var('x', 3)), not name=value as in Jinja ({scriban})"
            : $"template syntax: {scriban}";

    public static SourceSpan ToSpan(string file, TextPosition position) => new(file, position.Line + 1, position.Column + 1);

    private static List<string?> LiteralArgs(ScriptFunctionCall call)
        => [.. call.Arguments.Select(a => a is ScriptLiteral { Value: string s } ? s : null)];

    private static void Walk(ScriptNode node, Action<ScriptNode> visit)
    {
        visit(node);
        for (var i = 0; i < node.ChildrenCount; i++)
        {
            if (node.GetChildren(i) is { } child)
            {
                Walk(child, visit);
            }
        }
    }

    private sealed class ThisRewriter : ScriptRewriter
    {
        public override ScriptNode Visit(ScriptThisExpression node) => new ScriptVariableGlobal(ThisVariable) { Span = node.Span };
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;
using Ngdbt.Templating;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Ngdbt.Compile;

public sealed partial class Compiler
{
    [GeneratedRegex(@"^\s*ref\(\s*['""](?<name>[A-Za-z0-9_]+)['""]\s*\)\s*$")]
    private static partial Regex RefArgument();

    [GeneratedRegex(@"^\s*source\(\s*['""](?<s>[A-Za-z0-9_]+)['""]\s*,\s*['""](?<t>[A-Za-z0-9_]+)['""]\s*\)\s*$")]
    private static partial Regex SourceArgument();

    /// <summary>Builds the SQL of a generic test: a query returning the failing rows.</summary>
    private Rendered? RenderGenericTest(Node node)
    {
        var test = node.Test!;
        var target = _manifest.Nodes[test.AttachedNode!];
        var relation = target.ResourceType == ResourceType.Source
            ? SourceRelation(target)
            : target.Config.Materialized == "ephemeral" ? CtePrefix + target.Name : ModelRelation(target);
        var ephemerals = target.Config.Materialized == "ephemeral" ? new List<string> { target.UniqueId } : [];
        if (node.Config.GetString("where") is { Length: > 0 } where)
        {
            relation = $"(select * from {relation} where {where}) as ngdbt_subquery";
        }

        var column = test.ColumnName is null ? null : QuoteColumn(test.ColumnName);
        string sql;
        try
        {
            sql = test.TestName switch
            {
                "not_null" => $"select *\nfrom {relation}\nwhere {Required(column, node)} is null",
                "unique" => $"select {Required(column, node)} as unique_field, count(*) as n_records\nfrom {relation}\nwhere {column} is not null\ngroup by {column}\nhaving count(*) > 1",
                "accepted_values" => AcceptedValues(node, relation, Required(column, node)),
                "relationships" => Relationships(node, relation, Required(column, node), ephemerals),
                _ => CustomTest(node, relation, test),
            };
        }
        catch (CompileException e)
        {
            _diagnostics.Add(e.Diagnostic);
            return null;
        }

        return sql is null ? null : new Rendered(sql, ephemerals);
    }

    private string QuoteColumn(string column)
        => Load.Identifiers.IsValid(column) ? column : _options.Dialect.Quote(column);

    private static string Required(string? column, Node node)
        => column ?? throw new CompileException(Diagnostic.Error(DiagnosticCodes.YamlSchema, node.Span, $"test '{node.Test!.TestName}' must be declared under a column"));

    private string AcceptedValues(Node node, string relation, string column)
    {
        if (!node.Test!.Args.TryGetValue("values", out var raw) || raw is not IEnumerable<object?> values)
        {
            throw new CompileException(Diagnostic.Error(DiagnosticCodes.YamlSchema, node.Span, "accepted_values needs 'values: [...]'"));
        }

        var quote = !node.Test.Args.TryGetValue("quote", out var q) || q is not false;
        var list = string.Join(", ", values.Select(v => quote ? _options.Dialect.Literal(Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty) : Convert.ToString(v, CultureInfo.InvariantCulture)));
        return $"select {column} as value_field, count(*) as n_records\nfrom {relation}\nwhere {column} not in ({list})\ngroup by {column}";
    }

    private string Relationships(Node node, string relation, string column, List<string> ephemerals)
    {
        var args = node.Test!.Args;
        var to = args.TryGetValue("to", out var t) ? t as string : null;
        var field = args.TryGetValue("field", out var f) ? f as string : null;
        if (to is null || field is null)
        {
            throw new CompileException(Diagnostic.Error(DiagnosticCodes.YamlSchema, node.Span, "relationships needs 'to: ref(\"model\")' and 'field: column'"));
        }

        var parent = ResolveRelationArgument(node, to, ephemerals);
        var parentField = QuoteColumn(field);
        return $"select child.{column} as from_field\nfrom {relation} as child\nleft join {parent} as parent on child.{column} = parent.{parentField}\nwhere child.{column} is not null and parent.{parentField} is null";
    }

    private string ResolveRelationArgument(Node node, string text, List<string> ephemerals)
    {
        if (RefArgument().Match(text) is { Success: true } r)
        {
            return ResolveRef(node, new RefCall(r.Groups["name"].Value, null, node.Span), ephemerals);
        }

        if (SourceArgument().Match(text) is { Success: true } s)
        {
            return ResolveSource(new SourceCall(s.Groups["s"].Value, s.Groups["t"].Value, node.Span));
        }

        throw new CompileException(Diagnostic.Error(DiagnosticCodes.YamlSchema, node.Span, $"'{text}' should be ref('model') or source('source', 'table')"));
    }

    /// <summary>A user generic test: the macro test_&lt;name&gt;(model, column_name, ...) from macros/ or tests/generic/.</summary>
    private string CustomTest(Node node, string relation, TestInfo test)
    {
        var resolved = test.Args.ToDictionary(kv => kv.Key, kv => kv.Value is string s && (RefArgument().IsMatch(s) || SourceArgument().IsMatch(s)) ? ResolveRelationArgument(node, s, []) : kv.Value, StringComparer.Ordinal);
        if (JinjaCustomTest(node, relation, test, resolved) is { } jinja)
        {
            return jinja;
        }

        var globals = new ScriptObject
        {
            ["__model"] = relation,
            ["__column_name"] = test.ColumnName is null ? null : QuoteColumn(test.ColumnName),
        };
        var named = new List<string> { "model: __model" };
        if (test.ColumnName is not null)
        {
            named.Add("column_name: __column_name");
        }

        foreach (var (key, value) in test.Args)
        {
            globals["__arg_" + key] = value switch
            {
                string s when RefArgument().IsMatch(s) || SourceArgument().IsMatch(s) => ResolveRelationArgument(node, s, []),
                IEnumerable<object?> list when value is not string => new ScriptArray(list),
                _ => value,
            };
            named.Add($"{key}: __arg_{key}");
        }

        var template = Template.Parse($"{{{{ test_{test.TestName}({string.Join(", ", named)}) }}}}", node.FilePath);
        var context = TemplateRuntime.NewContext();
        context.PushGlobal(_manifest.MacroScope);
        context.PushGlobal(globals);
        try
        {
            return template.Render(context).Trim();
        }
        catch (ScriptRuntimeException e)
        {
            throw new CompileException(Diagnostic.Error(DiagnosticCodes.TemplateRuntime, node.Span, $"in generic test '{test.TestName}': {e.OriginalMessage}"));
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;
using Ngdbt.Templating;

namespace Ngdbt.Compile;

public sealed partial class Compiler
{
    public const string DiffColumn = "ngdbt_diff";

    /// <summary>Compiles a dbt 1.8-style unit test to one query returning the differing rows (ngdbt_diff = '+' unexpected,
    /// '-' missing): each `given` input replaces its ref/source with literal rows typed like the real input; the model's
    /// SQL runs over them; the result is compared to `expect` as a multiset (EXCEPT ALL both ways).</summary>
    private Rendered? RenderUnitTest(Node node)
    {
        var spec = node.UnitTest!;
        if (!_byName.TryGetValue(spec.Model, out var model) || model.Template is not { IsValid: true })
        {
            _diagnostics.Error(DiagnosticCodes.UnknownRef, spec.Span, $"unit test '{node.Name}' names model '{spec.Model}', which does not exist{Load.Suggest.Hint(Load.Suggest.Closest(spec.Model, _byName.Keys))}");
            return null;
        }

        var givens = new Dictionary<string, string>(StringComparer.Ordinal);
        var ctes = new List<(string, string)>();
        foreach (var input in spec.Given)
        {
            var (key, columns) = ResolveGiven(node, input);
            if (key is null)
            {
                return null;
            }

            var name = "__ngdbt_given_" + ctes.Count;
            givens[key] = name;
            ctes.Add((name, LiteralRows(input.Rows, columns)));
        }

        var overrides = spec.Overrides;
        var incremental = overrides.TryGetValue("macros", out var m) && m is IReadOnlyDictionary<string, object?> macros && macros.TryGetValue("is_incremental", out var inc) && inc is true;
        var vars = new Dictionary<string, object?>(_manifest.Project.Vars, StringComparer.Ordinal);
        if (overrides.TryGetValue("vars", out var v) && v is IReadOnlyDictionary<string, object?> overrideVars)
        {
            foreach (var (k, value) in overrideVars)
            {
                vars[k] = value;
            }
        }

        var ephemerals = new List<string>();
        var scope = new RenderScope(
            Ref: r => givens.TryGetValue("ref:" + r.Name, out var g) ? g : ResolveRef(model, r, ephemerals),
            Source: s => givens.TryGetValue($"source:{s.SourceName}.{s.TableName}", out var g) ? g : ResolveSource(s),
            IsIncremental: () => incremental,
            This: new RelationValue(model.Schema, model.Identifier, _options.Dialect.Relation(model.Schema, model.Identifier)),
            Vars: vars,
            EnvVar: Environment.GetEnvironmentVariable,
            Target: ManifestBuilder.TargetObject(_manifest.Project.Target),
            Macros: _manifest.MacroScope,
            Jinja: NodeJinja(model) is { } jinja ? jinja with { Execute = false } : null);
        string modelSql;
        try
        {
            modelSql = TemplateRenderer.Render(model.Template, scope).Trim();
        }
        catch (Templating.Jinja.JinjaRenderException e)
        {
            _diagnostics.Add(e.Diagnostic);
            return null;
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            _diagnostics.Error(DiagnosticCodes.TemplateRuntime, TemplateParser.ToSpan(e.Span.FileName ?? model.FilePath, e.Span.Start), e.OriginalMessage);
            return null;
        }

        var expectColumns = spec.Expect.Rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).ToList();
        var declared = model.Columns.Where(c => c.DataType is not null).ToDictionary(c => c.Name, c => c.DataType!, StringComparer.OrdinalIgnoreCase);
        var expectTypes = expectColumns.Select(c => new ColumnInfo(c, declared.GetValueOrDefault(c) ?? string.Empty)).ToList();
        var projection = expectColumns.Count == 0 ? "*" : string.Join(", ", expectColumns.Select(QuoteColumn));
        ctes.Add(("__ngdbt_actual", modelSql));
        // `expect: rows: []` means the model must return nothing: compare against an empty result of its own shape.
        ctes.Add(("__ngdbt_expected", expectColumns.Count == 0 ? "select * from __ngdbt_actual where false" : LiteralRows(spec.Expect, expectTypes)));
        var sql = InjectCtes(
            $"select '+' as {DiffColumn}, ngdbt_unexpected.* from (select {projection} from __ngdbt_actual except all select {projection} from __ngdbt_expected) as ngdbt_unexpected\n" +
            $"union all\nselect '-' as {DiffColumn}, ngdbt_missing.* from (select {projection} from __ngdbt_expected except all select {projection} from __ngdbt_actual) as ngdbt_missing",
            ctes);
        return new Rendered(sql, ephemerals);
    }

    private (string? Key, IReadOnlyList<ColumnInfo> Columns) ResolveGiven(Node node, UnitTestInput input)
    {
        var given = input.Rows.Rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).ToList();
        Node? target = null;
        string? key = null;
        if (RefArgument().Match(input.Input) is { Success: true } r && _byName.TryGetValue(r.Groups["name"].Value, out var model))
        {
            (target, key) = (model, "ref:" + model.Name);
        }
        else if (SourceArgument().Match(input.Input) is { Success: true } s
                 && _manifest.Nodes.TryGetValue($"source.{_manifest.ProjectName}.{s.Groups["s"].Value}.{s.Groups["t"].Value}", out var source))
        {
            (target, key) = (source, $"source:{source.SourceName}.{source.Name}");
        }

        if (target is null)
        {
            _diagnostics.Error(DiagnosticCodes.UnknownRef, input.Span, $"unit test '{node.Name}': given input {input.Input} is not a known ref('model') or source('src', 'table')");
            return (null, []);
        }

        // Types: declared in YAML, else as the warehouse has them, else inferred from the literals.
        var declared = target.Columns.Where(c => c.DataType is not null).Select(c => new ColumnInfo(c.Name, c.DataType!)).ToList();
        var known = declared.Count > 0 ? declared : _options.KnownColumns?.GetValueOrDefault(new RelationRef(target.Schema, target.Identifier)) ?? [];
        var columns = known.Count > 0 ? known : given.Select(g => new ColumnInfo(g, string.Empty)).ToList();
        if (columns.Count == 0)
        {
            // `rows: []` says "no rows" but not which columns: without declared types or a built relation there is
            // nothing to select, and the database would only report a syntax error.
            _diagnostics.Error(DiagnosticCodes.YamlSchema, input.Span, $"unit test '{node.Name}': given {input.Input} has no rows and its columns are unknown: declare its columns with data_type in schema YAML, or build it first");
            return (null, []);
        }

        foreach (var extra in given.Where(g => !columns.Any(c => string.Equals(c.Name, g, StringComparison.OrdinalIgnoreCase))))
        {
            _diagnostics.Error(DiagnosticCodes.YamlSchema, input.Span, $"unit test '{node.Name}': column '{extra}' is not a column of {input.Input}{Load.Suggest.Hint(Load.Suggest.Closest(extra, columns.Select(c => c.Name)))}");
            return (null, []);
        }

        return (key, columns);
    }

    private string LiteralRows(UnitTestRows rows, IReadOnlyList<ColumnInfo> columns)
    {
        string Cell(IReadOnlyDictionary<string, object?>? row, ColumnInfo c)
        {
            var value = row?.FirstOrDefault(kv => string.Equals(kv.Key, c.Name, StringComparison.OrdinalIgnoreCase)).Value;
            var literal = value switch
            {
                null => "NULL",
                bool b => b ? "true" : "false",
                long or int or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
                _ => _options.Dialect.Literal(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
            };
            return (c.Type.Length > 0 ? _options.Dialect.Cast(literal, c.Type) : literal) + " as " + QuoteColumn(c.Name);
        }

        if (rows.Rows.Count == 0)
        {
            return "select " + string.Join(", ", columns.Select(c => Cell(null, c))) + " where false";
        }

        return string.Join("\nunion all\n", rows.Rows.Select(r => "select " + string.Join(", ", columns.Select(c => Cell(r, c)))));
    }
}

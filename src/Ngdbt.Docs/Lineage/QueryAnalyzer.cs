using System.Text.Json;

namespace Ngdbt.Docs.Lineage;

/// <summary>Walks DuckDB's serialized query nodes (SELECT_NODE, SET_OPERATION_NODE) and computes output column origins.</summary>
internal sealed partial class QueryAnalyzer(RelationMatcher matcher, List<string> diagnostics)
{
    /// <summary>Every known relation a reference resolved to (what the result depends on, for the lineage cache).</summary>
    public HashSet<string> Resolved { get; } = new(StringComparer.Ordinal);

    private const string EphemeralPrefix = "__ngdbt__cte__";
    private readonly ExpressionLineage _expressions = new();

    public RelationShape AnalyzeNode(JsonElement node, QueryScope? outer, CteScope ctes, IReadOnlyList<string>? hint = null)
    {
        var local = RegisterCtes(node, outer, ctes);
        switch (node.Str("type"))
        {
            case "SELECT_NODE":
                return AnalyzeSelect(node, outer, local, hint);
            case "SET_OPERATION_NODE":
                var branches = node.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array
                    ? children.EnumerateArray().ToList()
                    : new[] { node.GetProperty("left"), node.GetProperty("right") }.ToList();
                var shapes = branches.Select(b => AnalyzeNode(b, outer, local, hint)).ToList();
                return MergeSetOperation(shapes);
            default:
                diagnostics.Add($"unsupported query node {node.Str("type")}");
                return RelationShape.Unknown;
        }
    }

    private CteScope RegisterCtes(JsonElement node, QueryScope? outer, CteScope parent)
    {
        if (!node.TryGetProperty("cte_map", out var map) || !map.TryGetProperty("map", out var entries)
            || entries.GetArrayLength() == 0) return parent;
        var scope = new CteScope(parent);
        foreach (var entry in entries.EnumerateArray())
        {
            var name = entry.Str("key");
            var value = entry.GetProperty("value");
            var shape = AnalyzeNode(value.GetProperty("query").GetProperty("node"), outer, scope);
            var aliases = value.TryGetProperty("aliases", out var a) ? a.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
            shape = shape.Renamed(aliases);
            // An inlined ephemeral model stands for that model's own columns, like the DAG edge does.
            if (name.StartsWith(EphemeralPrefix, StringComparison.OrdinalIgnoreCase)
                && matcher.ByName(name[EphemeralPrefix.Length..]) is { } eph && shape.Columns is not null)
            {
                Resolved.Add(eph.UniqueId);
                shape = RelationShape.Derived(shape.Columns.Select(c => new OutputColumn(c.Name, [new ColumnOrigin(eph.UniqueId, c.Name)])).ToList());
            }
            scope.Add(name, shape);
        }
        return scope;
    }

    private RelationShape AnalyzeSelect(JsonElement node, QueryScope? outer, CteScope ctes, IReadOnlyList<string>? hint)
    {
        var scope = new QueryScope(outer, ctes);
        if (node.TryGetProperty("from_table", out var from) && from.ValueKind == JsonValueKind.Object)
            AddFromItem(from, scope);
        var output = new List<OutputColumn>();
        foreach (var item in node.GetProperty("select_list").EnumerateArray())
        {
            if (item.Str("class") == "STAR") { ExpandStar(item, scope, output); continue; }
            var origins = _expressions.Origins(item, scope, this);
            var name = item.Str("alias");
            if (name.Length == 0 && item.Str("class") == "COLUMN_REF")
                name = item.GetProperty("column_names").EnumerateArray().Last().GetString() ?? "";
            if (name.Length == 0 && hint is not null && output.Count < hint.Count) name = hint[output.Count];
            if (name.Length == 0) { diagnostics.Add($"unnamed select expression at position {output.Count + 1}"); name = $"#{output.Count + 1}"; }
            var column = new OutputColumn(name, origins);
            output.Add(column);
            scope.SelectAliases.Add(column);
        }
        var filters = RowFilters(node, scope);
        return RelationShape.Derived(output.Select(c => c with { Filters = filters }).ToList());
    }

    private void AddFromItem(JsonElement item, QueryScope scope)
    {
        var alias = item.Str("alias");
        var renames = item.TryGetProperty("column_name_alias", out var cna)
            ? cna.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        switch (item.Str("type"))
        {
            case "BASE_TABLE":
                var table = item.Str("table_name");
                var schema = item.Str("schema_name");
                var catalog = item.Str("catalog_name");
                var shape = schema.Length == 0 && catalog.Length == 0 ? scope.Ctes.Find(table) : null;
                if (shape is null)
                {
                    var known = matcher.Match(catalog, schema, table);
                    if (known is not null) Resolved.Add(known.UniqueId);
                    else diagnostics.Add($"unknown relation {string.Join('.', new[] { catalog, schema, table }.Where(p => p.Length > 0))}");
                    shape = known is null ? RelationShape.Unknown : RelationShape.Base(known);
                }
                scope.Sources.Add((alias.Length > 0 ? alias : table, shape.Renamed(renames)));
                break;
            case "JOIN":
                AddFromItem(item.GetProperty("left"), scope);
                AddFromItem(item.GetProperty("right"), scope);
                if (item.TryGetProperty("condition", out var condition) && condition.ValueKind == JsonValueKind.Object)
                    scope.JoinConditions.Add(condition);
                if (item.TryGetProperty("using_columns", out var usingColumns))
                    foreach (var u in usingColumns.EnumerateArray()) scope.UsingColumns.Add(u.GetString() ?? "");
                break;
            case "SUBQUERY":
                var sub = AnalyzeNode(item.GetProperty("subquery").GetProperty("node"), scope.Parent, scope.Ctes);
                scope.Sources.Add((alias, sub.Renamed(renames)));
                break;
            case "TABLE_FUNCTION":
                // read_parquet('<path>') / read_csv(…) / read_json(…): a file-based source when its path is known.
                var file = FirstStringArgument(item.TryGetProperty("function", out var fn) ? fn : default);
                var source = file is null ? null : matcher.MatchFile(file);
                if (source is not null) Resolved.Add(source.UniqueId);
                else diagnostics.Add($"table function not matched to a source{(file is null ? "" : " (" + file + ")")}");
                var name = alias.Length > 0 ? alias : (fn.ValueKind == JsonValueKind.Object ? fn.Str("function_name") : "");
                scope.Sources.Add((name, (source is null ? RelationShape.Unknown : RelationShape.Base(source)).Renamed(renames)));
                break;
            case "EMPTY":
                break;
            default:
                diagnostics.Add($"unsupported FROM item {item.Str("type")}");
                scope.Sources.Add((alias, RelationShape.Unknown));
                break;
        }
    }

    private void ExpandStar(JsonElement star, QueryScope scope, List<OutputColumn> output)
    {
        if (star.TryGetProperty("columns", out var isColumns) && isColumns.ValueKind == JsonValueKind.True)
        {
            diagnostics.Add("COLUMNS(...) is not expanded");
            return;
        }
        var relation = star.Str("relation_name");
        var excluded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (star.TryGetProperty("exclude_list", out var ex))
            foreach (var e in ex.EnumerateArray())
                excluded.Add(e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : LastName(e));
        var replacements = ReadReplacements(star, scope);
        var seenUsing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (alias, shape) in scope.Sources)
        {
            if (relation.Length > 0 && !string.Equals(alias, relation, StringComparison.OrdinalIgnoreCase)) continue;
            if (shape.Columns is null) { diagnostics.Add($"cannot expand * of {alias}: columns unknown (no catalog)"); continue; }
            foreach (var column in shape.Columns)
            {
                if (excluded.Contains(column.Name)) continue;
                if (relation.Length == 0 && scope.UsingColumns.Contains(column.Name) && !seenUsing.Add(column.Name)) continue;
                output.Add(replacements.TryGetValue(column.Name, out var replaced) ? column with { Origins = replaced } : column);
            }
        }
    }

    private Dictionary<string, IReadOnlyList<ColumnOrigin>> ReadReplacements(JsonElement star, QueryScope scope)
    {
        var map = new Dictionary<string, IReadOnlyList<ColumnOrigin>>(StringComparer.OrdinalIgnoreCase);
        if (!star.TryGetProperty("replace_list", out var list)) return map;
        foreach (var entry in list.EnumerateArray())
        {
            var key = entry.TryGetProperty("first", out var f) ? f.GetString() : entry.Str("key");
            var expr = entry.TryGetProperty("second", out var s) ? s : entry.TryGetProperty("value", out var v) ? v : default;
            if (key is { Length: > 0 } && expr.ValueKind == JsonValueKind.Object) map[key] = _expressions.Origins(expr, scope, this);
        }
        return map;
    }

    private static string LastName(JsonElement e) =>
        e.TryGetProperty("column_names", out var n) ? n.EnumerateArray().Last().GetString() ?? "" : "";
}

using System.Text.Json;

namespace Ngdbt.Docs.Lineage;

/// <summary>Rows: "filtered/joined by", kept apart from "value comes from": the columns that decide which rows reach a
/// query's output without flowing into any output value;
/// set operations merge values and filters per position; table-function arguments.</summary>
internal sealed partial class QueryAnalyzer
{
    /// <summary>The columns that decide which rows come out (never the value): JOIN ON / USING, WHERE, HAVING and QUALIFY
    /// here, plus the filters of the CTEs and subqueries read (their WHERE already shaped the rows). Base relations
    /// contribute none — another model's filters belong to that model's lineage.</summary>
    private List<ColumnOrigin> RowFilters(JsonElement node, QueryScope scope)
    {
        var rows = new List<ColumnOrigin>();
        foreach (var (_, shape) in scope.Sources)
            if (shape.Columns is not null) rows.AddRange(shape.Columns.SelectMany(c => c.Filters));
        foreach (var condition in scope.JoinConditions) rows.AddRange(_expressions.Origins(condition, scope, this));
        foreach (var u in scope.UsingColumns) rows.AddRange(scope.Resolve([u]));
        foreach (var clause in (string[])["where_clause", "having", "qualify"])
            if (node.TryGetProperty(clause, out var e) && e.ValueKind == JsonValueKind.Object)
                rows.AddRange(_expressions.Origins(e, scope, this));
        return rows.Distinct().ToList();
    }

    private static RelationShape MergeSetOperation(List<RelationShape> shapes)
    {
        if (shapes.Count == 0 || shapes.Any(s => s.Columns is null)) return RelationShape.Unknown;
        var first = shapes[0].Columns!;
        var merged = first.Select((c, i) => new OutputColumn(c.Name,
            shapes.SelectMany(s => i < s.Columns!.Count ? s.Columns![i].Origins : []).Distinct().ToList())
        {
            Filters = shapes.SelectMany(s => i < s.Columns!.Count ? s.Columns![i].Filters : []).Distinct().ToList(),
        }).ToList();
        return RelationShape.Derived(merged);
    }

    private static string? FirstStringArgument(JsonElement function)
    {
        if (function.ValueKind != JsonValueKind.Object || !function.TryGetProperty("children", out var children) || children.GetArrayLength() == 0) return null;
        var first = children[0];
        if (first.Str("class") != "CONSTANT" || !first.TryGetProperty("value", out var value)) return null;
        if (value.TryGetProperty("is_null", out var isNull) && isNull.ValueKind == JsonValueKind.True) return null;
        return value.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}

internal static class JsonExtensions
{
    public static string Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}

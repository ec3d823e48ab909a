using System.Text.Json;

namespace Ngdbt.Docs.Lineage;

/// <summary>Collects the columns an expression reads: operators, functions, CASE, casts, windows, scalar subqueries.</summary>
internal sealed class ExpressionLineage
{
    public IReadOnlyList<ColumnOrigin> Origins(JsonElement expression, QueryScope scope, QueryAnalyzer queries)
    {
        var found = new List<ColumnOrigin>();
        Walk(expression, scope, queries, found);
        return found.Distinct().ToList();
    }

    private static void Walk(JsonElement e, QueryScope scope, QueryAnalyzer queries, List<ColumnOrigin> found)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray()) Walk(item, scope, queries, found);
                return;
            case JsonValueKind.Object:
                break;
            default:
                return;
        }
        switch (e.Str("class"))
        {
            case "COLUMN_REF":
                var names = e.GetProperty("column_names").EnumerateArray().Select(n => n.GetString() ?? "").ToList();
                found.AddRange(scope.Resolve(names));
                return;
            case "CONSTANT":
                return;
            case "SUBQUERY":
                // Scalar / EXISTS / IN subquery: its output columns flow into this value; it may correlate with us.
                var shape = queries.AnalyzeNode(e.GetProperty("subquery").GetProperty("node"), scope, scope.Ctes);
                if (shape.Columns is not null) found.AddRange(shape.Columns.SelectMany(c => c.Origins));
                if (e.TryGetProperty("child", out var child)) Walk(child, scope, queries, found);
                return;
        }
        foreach (var property in e.EnumerateObject())
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                Walk(property.Value, scope, queries, found);
    }
}

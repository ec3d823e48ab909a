using System.Text;
using System.Text.Json;

namespace Ngdbt.Docs.Lineage;

/// <summary>
/// Column-level lineage from compiled SQL, derived from DuckDB's parse tree (never from name similarity).
/// Engine-independent: it only needs an <see cref="ISqlParseTreeProvider"/> and the known relations.
/// </summary>
public sealed class ColumnLineageAnalyzer
{
    private const int BatchSize = 48;
    private readonly ISqlParseTreeProvider _provider;
    private readonly RelationMatcher _matcher;

    public ColumnLineageAnalyzer(ISqlParseTreeProvider provider, IEnumerable<KnownRelation> relations)
    {
        _provider = provider;
        _matcher = new RelationMatcher(relations);
    }

    public LineageResult Analyze(string compiledSql, IReadOnlyList<string>? outputColumns = null) =>
        AnalyzeMany([new LineageRequest(compiledSql, outputColumns)])[0];

    /// <summary>Analyzes many models, sending them to the parser in batches (one call per batch, in parallel).</summary>
    public IReadOnlyList<LineageResult> AnalyzeMany(IReadOnlyList<LineageRequest> requests)
    {
        var results = new LineageResult[requests.Count];
        var batches = Enumerable.Range(0, (requests.Count + BatchSize - 1) / BatchSize);
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
        {
            var start = b * BatchSize;
            var count = Math.Min(BatchSize, requests.Count - start);
            if (!TryBatch(requests, start, count, results))
                for (var i = start; i < start + count; i++) results[i] = AnalyzeOne(requests[i]);
        });
        return results;
    }

    private bool TryBatch(IReadOnlyList<LineageRequest> requests, int start, int count, LineageResult[] results)
    {
        if (count == 1) return false;
        var sql = new StringBuilder();
        for (var i = start; i < start + count; i++) sql.Append(Clean(requests[i].Sql)).Append("\n;\n");
        try
        {
            using var doc = JsonDocument.Parse(_provider.SerializeSql(sql.ToString()));
            if (IsError(doc.RootElement, out _)) return false;
            var statements = doc.RootElement.GetProperty("statements");
            if (statements.GetArrayLength() != count) return false;
            var index = 0;
            foreach (var statement in statements.EnumerateArray())
            {
                results[start + index] = FromStatement(statement, requests[start + index].OutputColumns);
                index++;
            }
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return false;
        }
    }

    private LineageResult AnalyzeOne(LineageRequest request)
    {
        var sql = Clean(request.Sql);
        if (sql.Length == 0) return LineageResult.Failed("no compiled SQL");
        try
        {
            using var doc = JsonDocument.Parse(_provider.SerializeSql(sql));
            if (IsError(doc.RootElement, out var message)) return LineageResult.Failed($"parse error: {message}");
            var statements = doc.RootElement.GetProperty("statements");
            if (statements.GetArrayLength() != 1) return LineageResult.Failed($"expected one statement, got {statements.GetArrayLength()}");
            return FromStatement(statements[0], request.OutputColumns);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return LineageResult.Failed($"parse tree not understood: {ex.Message}");
        }
    }

    private LineageResult FromStatement(JsonElement statement, IReadOnlyList<string>? outputColumns)
    {
        var diagnostics = new List<string>();
        var analyzer = new QueryAnalyzer(_matcher, diagnostics);
        var shape = analyzer.AnalyzeNode(statement.GetProperty("node"), null, new CteScope(null), outputColumns);
        var columns = shape.Columns?.Select(c => new ColumnLineage(c.Name, c.Origins.Distinct().ToList()) { FilteredBy = c.Filters.Distinct().ToList() }).ToList() ?? [];
        return new LineageResult(columns, diagnostics) { Relations = [.. analyzer.Resolved.Order(StringComparer.Ordinal)] };
    }

    private static bool IsError(JsonElement root, out string message)
    {
        message = root.Str("error_message");
        return root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.True;
    }

    private static string Clean(string sql) => sql.Trim().TrimEnd(';').Trim();
}

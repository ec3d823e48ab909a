using System.Globalization;
using System.Text.RegularExpressions;
using Ngdbt.Adapters;

namespace Ngdbt.Adapters.DuckDb;

/// <summary>
/// Statements that run alone. DuckDB's memory_limit is one budget for every statement of the process: two big joins
/// side by side each get about half of it and spill to disk, and at 15M rows a side NeoGlobal's anti-joins took 20-24 s
/// beside others and 6-7 s alone. A node whose table inputs hold more rows than the memory limit has bytes / 100 (10M
/// rows at the default 1 GB: about 100 bytes of hash table and payload a row) runs alone; smaller ones share, as the
/// whole 1.5M-row build does.
/// </summary>
internal sealed partial class DuckDbConnection
{
    public const long BytesPerRow = 100;

    public string? RunsAlone(IReadOnlyCollection<RelationRef> inputs)
    {
        if (inputs.Count == 0 || MemoryLimitBytes() is not { } limit)
        {
            return null;
        }

        var pairs = string.Join(", ", inputs.Select(r => $"({dialect.Literal(r.Schema)}, {dialect.Literal(r.Identifier)})"));
        var rows = Scalar($"SELECT CAST(sum(estimated_size) AS BIGINT) FROM duckdb_tables() WHERE database_name = current_database() AND (schema_name, table_name) IN ({pairs})");
        var total = rows is null ? 0 : Convert.ToInt64(rows, CultureInfo.InvariantCulture);
        var threshold = limit / BytesPerRow;
        return total > threshold
            ? string.Create(CultureInfo.InvariantCulture, $"its inputs hold {total:N0} rows, more than memory_limit / {BytesPerRow} bytes = {threshold:N0}")
            : null;
    }

    /// <summary>memory_limit in bytes (DuckDB reports it as e.g. '953.6 MiB'); null when unlimited or unreadable.</summary>
    private long? MemoryLimitBytes()
    {
        var text = Convert.ToString(Scalar("SELECT current_setting('memory_limit')"), CultureInfo.InvariantCulture) ?? string.Empty;
        var match = LimitPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var scale = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1L,
            "KB" => 1000L,
            "KIB" => 1024L,
            "MB" => 1000L * 1000,
            "MIB" => 1024L * 1024,
            "GB" => 1000L * 1000 * 1000,
            "GIB" => 1024L * 1024 * 1024,
            "TB" => 1000L * 1000 * 1000 * 1000,
            "TIB" => 1024L * 1024 * 1024 * 1024,
            _ => 0L,
        };
        return scale == 0 ? null : (long)(decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * scale);
    }

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*$")]
    private static partial Regex LimitPattern();
}

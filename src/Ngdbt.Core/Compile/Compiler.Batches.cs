using System.Collections.Concurrent;
using System.Globalization;
using Ngdbt.Manifest;
using Ngdbt.Templating;

namespace Ngdbt.Compile;

/// <summary>
/// Tables built in batches (`batches: N`, or `batch_rows: R` for N = the largest batched input's rows / R, rounded
/// up, at run time): the model runs N times, once per hash bucket, and every input that declares a `batch_key` (a
/// column) is read for that bucket only: `(select * from rel where hash(key) % N = i)`. Inputs without one are read
/// whole, as reference tables are on Citus. Correct when the model only combines rows of those inputs that share the
/// key (joins on it, windows and groups that include it), which is what co-location on Citus needs too; then each
/// batch's joins and aggregates hold 1/N of the rows, so a table larger than memory builds in N steps that each fit
/// instead of one that spills. dbt's `microbatch` does the same by time (`event_time`, `batch_size`); here the
/// batches are buckets of a key, so a match across months stays in one batch.
/// </summary>
public sealed partial class Compiler
{
    public const int MaxBatches = 4096;

    /// <summary>Stand in for the batch count and index in <see cref="CompiledNode.BatchSql"/>; the runner replaces them.</summary>
    public const string BatchCountToken = "__ngdbt_batch_count__";

    public const string BatchIndexToken = "__ngdbt_batch_index__";

    private sealed record Batch(ConcurrentDictionary<string, byte> Inputs);

    /// <summary>The node's `batches` (or `batch_rows`) when it is a whole number in range; null when unset or not such a
    /// number (BatchCheck reports that before a run).</summary>
    public static long? BatchSetting(Node node, string key) => node.Config.Values.GetValueOrDefault(key) switch
    {
        int i => i >= 1 ? i : null,
        long l => l >= 1 ? l : null,
        string s when long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) => p >= 1 ? p : null,
        _ => null,
    };

    /// <summary>The node's SQL for one batch (with the count and index tokens) and the inputs read by batch, or nulls
    /// when it builds in one statement.</summary>
    private (string? Sql, IReadOnlyList<string> Inputs) RenderBatchTemplate(Node node)
    {
        var wanted = BatchSetting(node, "batches") is > 1 || BatchSetting(node, "batch_rows") is not null;
        if (!wanted || node.Config.Materialized != "table" || _options.Dialect.HashBucket("k", "2") is null)
        {
            return (null, []);
        }

        var batch = new Batch(new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        return RenderCore(node, batch) is { } rendered && !batch.Inputs.IsEmpty
            ? (rendered.Sql, OrdinalSort.Sorted(batch.Inputs.Keys))
            : (null, []);
    }

    /// <summary>A ref inside a batch: the batch's rows of an input with a `batch_key`.</summary>
    private string BatchInput(Batch? batch, RefCall call, string relation)
    {
        if (batch is null || !_byName.TryGetValue(call.Name, out var target) || target.Config.GetString("batch_key") is not { Length: > 0 } key)
        {
            return relation;
        }

        batch.Inputs[relation] = 0;
        var bucket = _options.Dialect.HashBucket(_options.Dialect.Quote(key), BatchCountToken)!;
        return $"(select * from {relation} where {bucket} = {BatchIndexToken})";
    }
}

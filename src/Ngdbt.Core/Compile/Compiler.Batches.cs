using System.Globalization;
using Ngdbt.Adapters;
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

    /// <summary>A batch's render; <see cref="Inputs"/> collects the relations it reads by batch (one template renders on
    /// one thread).</summary>
    private sealed record Batch(HashSet<string> Inputs);

    /// <summary>The dialect can bucket a key (<see cref="ISqlDialect.HashBucket"/>): the one test of whether an adapter
    /// builds tables in batches, for the compiler and for BatchCheck alike.</summary>
    public static bool CanBatch(ISqlDialect dialect) => dialect.HashBucket("key", "2") is not null;

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
        if (!wanted || node.Config.Materialized != "table" || !CanBatch(_options.Dialect))
        {
            return (null, []);
        }

        var batch = new Batch(new HashSet<string>(StringComparer.Ordinal));
        return RenderCore(node, batch) is { } rendered && batch.Inputs.Count > 0
            ? (rendered.Sql, OrdinalSort.Sorted(batch.Inputs))
            : (null, []);
    }

    /// <summary>A ref inside a batch: the batch's rows of an input with a `batch_key`.</summary>
    private string BatchInput(Batch? batch, RefCall call, string relation)
    {
        if (batch is null || !_byName.TryGetValue(call.Name, out var target) || target.Config.GetString("batch_key") is not { Length: > 0 } key)
        {
            return relation;
        }

        batch.Inputs.Add(relation);
        var bucket = _options.Dialect.HashBucket(_options.Dialect.Quote(key), BatchCountToken)!;
        return $"(select * from {relation} where {bucket} = {BatchIndexToken})";
    }
}

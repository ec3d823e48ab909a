using System.Globalization;
using Ngdbt.Compile;
using Ngdbt.Plan;

namespace Ngdbt.Execute;

internal sealed partial class NodeRunner
{
    /// <summary>The SQL of each batch of a table built in batches (Compiler.Batches.cs), or none when it is built in
    /// one statement: `batches: N` as given; `batch_rows: R` from the largest batched input's row count now, after
    /// its parents are built, so the same project builds 1.5M rows in one statement and 15M in eight.</summary>
    private string[] Batches(PlanStep step)
    {
        if (step.Compiled is not { BatchSql: { } template } compiled)
        {
            return [];
        }

        var count = Compiler.BatchSetting(step.Node, "batches") ?? RowsPerBatch(compiled.BatchInputs, Compiler.BatchSetting(step.Node, "batch_rows") ?? long.MaxValue);
        count = Math.Min(count, Compiler.MaxBatches);
        if (count <= 1)
        {
            return [];
        }

        var n = count.ToString(CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(0, (int)count).Select(i => template
            .Replace(Compiler.BatchCountToken, n, StringComparison.Ordinal)
            .Replace(Compiler.BatchIndexToken, i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))];
    }

    private long RowsPerBatch(IReadOnlyList<string> inputs, long rowsPerBatch)
    {
        long largest = 0;
        foreach (var input in inputs)
        {
            var result = connection.Query($"select count(*) from {input}");
            largest = Math.Max(largest, Convert.ToInt64(result.Rows[0][0], CultureInfo.InvariantCulture));
        }

        return largest == 0 ? 1 : ((largest - 1) / rowsPerBatch) + 1;
    }
}

using System.Globalization;
using DuckDB.NET.Data;

namespace NeoGlobal.Pipeline;

/// <summary>Per anomaly type: how many were injected, found with the right type, found with the right detail and
/// delta, and how many records the reconciliation gave this class that the ground truth gives another or none (false
/// positives). Precision = correct / (correct + false positives), recall = correct / injected, "correct" meaning the
/// right type, detail and delta.</summary>
public sealed record AnomalyScore(string AnomalyType, long Injected, long Found, long DetailCorrect, long DeltaCorrect, long FalsePositives = 0)
{
    public long Correct => Math.Min(DetailCorrect, DeltaCorrect);

    public decimal Recall => Injected == 0 ? 1m : (decimal)Correct / Injected;

    public decimal Precision => Correct + FalsePositives == 0 ? 1m : (decimal)Correct / (Correct + FalsePositives);
}

public sealed record Evaluation(
    IReadOnlyList<AnomalyScore> Scores,
    long FalsePositives,
    decimal ReconciledLeakage,
    decimal ExpectedLeakage,
    IReadOnlyList<string> Examples,
    decimal ReconciledOverstatement = 0m,
    decimal ExpectedOverstatement = 0m)
{
    public bool Perfect => FalsePositives == 0
        && ReconciledLeakage == ExpectedLeakage
        && ReconciledOverstatement == ExpectedOverstatement
        && Scores.All(s => s.Found == s.Injected && s.DetailCorrect == s.Injected && s.DeltaCorrect == s.Injected && s.FalsePositives == 0);
}

/// <summary>Compares fct_reconciliation with the generator's ground truth (which the models never read). Runs in DuckDB,
/// so it costs about a second at 1.5M rows; money stays DECIMAL end to end.</summary>
public static class GroundTruthEvaluator
{
    public static Evaluation Evaluate(string warehousePath, string groundTruthDir, string schema = "main_integrity")
    {
        using var connection = new DuckDBConnection($"DataSource={warehousePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var csv = Path.Combine(groundTruthDir, "anomalies.csv").Replace("'", "''", StringComparison.Ordinal);
        var summary = Path.Combine(groundTruthDir, "summary.json").Replace("'", "''", StringComparison.Ordinal);
        Execute(connection, $"""
            create temp table truth as
            select
                record_id, side, anomaly_type as truth_type,
                case when anomaly_type = 'orphan_in_erp' then 'missing_in_billing' else anomaly_type end as expected_type,
                case anomaly_type when 'duplicate_in_erp' then 'double_posting' when 'orphan_in_erp' then 'no_billing_record' else detail end as expected_detail,
                cast(expected_delta as decimal(19,4)) as expected_delta,
                case
                    when anomaly_type = 'duplicate_in_erp' then 'E:' || replace(detail, 'extra_internal_id=', '')
                    when side = 'erp' then 'E:' || record_id
                    else 'B:' || record_id
                end as recon_id
            from read_csv('{csv}', header = true, all_varchar = true)
            """);
        Execute(connection, $"""
            create temp table scored as
            select t.*, f.anomaly_type as actual_type, f.anomaly_detail as actual_detail, f.variance as actual_delta
            from truth as t
            left join "{schema}"."fct_reconciliation" as f on f.recon_id = t.recon_id
            """);
        // A class's false positives: records the reconciliation put in it that the ground truth puts elsewhere or nowhere.
        var scores = Query(connection, $"""
            with classes as (select distinct truth_type, expected_type from truth),
            per_class as (
                select truth_type,
                       count(*) as injected,
                       count(*) filter (where actual_type = expected_type) as found,
                       count(*) filter (where actual_type = expected_type and actual_detail = expected_detail) as detail_ok,
                       count(*) filter (where actual_type = expected_type and actual_delta = expected_delta) as delta_ok
                from scored group by truth_type
            ),
            wrong as (
                select f.anomaly_type, count(*) as n
                from "{schema}"."fct_reconciliation" as f
                left join truth as t on t.recon_id = f.recon_id
                where f.anomaly_type <> 'perfect_match' and (t.recon_id is null or t.expected_type <> f.anomaly_type)
                group by f.anomaly_type
            )
            select c.truth_type, p.injected, p.found, p.detail_ok, p.delta_ok, coalesce(w.n, 0)
            from classes as c
            inner join per_class as p on p.truth_type = c.truth_type
            left join wrong as w on w.anomaly_type = c.expected_type
            order by c.truth_type
            """).Select(r => new AnomalyScore((string)r[0]!, Long(r[1]), Long(r[2]), Long(r[3]), Long(r[4]), Long(r[5]))).ToList();
        var falsePositives = Long(Query(connection, $"""
            select count(*) from "{schema}"."fct_reconciliation" as f
            where f.anomaly_type <> 'perfect_match' and not exists (select 1 from truth as t where t.recon_id = f.recon_id)
            """)[0][0]);
        var examples = Query(connection, $"""
            select 'missed: ' || recon_id || ' expected ' || expected_type || '/' || coalesce(expected_detail, '') || ' got ' || coalesce(actual_type, 'nothing') || '/' || coalesce(actual_detail, '')
            from scored where actual_type is distinct from expected_type or actual_detail is distinct from expected_detail or actual_delta is distinct from expected_delta
            union all
            (select 'false positive: ' || f.recon_id || ' ' || f.anomaly_type || '/' || f.anomaly_detail from "{schema}"."fct_reconciliation" as f
             where f.anomaly_type <> 'perfect_match' and not exists (select 1 from truth as t where t.recon_id = f.recon_id) limit 10)
            limit 20
            """).Select(r => (string)r[0]!).ToList();
        var reconciled = (decimal)Query(connection, $"""select cast(coalesce(sum(leakage_amount), 0) as decimal(19,4)) from "{schema}"."fct_reconciliation" """)[0][0]!;
        var expected = (decimal)Query(connection, $"select cast(json_extract_string(content, '$.expected_total_leakage') as decimal(19,4)) from read_text('{summary}')")[0][0]!;
        var overstated = (decimal)Query(connection, $"""select cast(coalesce(sum(overstatement_amount), 0) as decimal(19,4)) from "{schema}"."fct_reconciliation" """)[0][0]!;
        var expectedOverstatement = (decimal)Query(connection, $"select cast(json_extract_string(content, '$.ledger_overstatement') as decimal(19,4)) from read_text('{summary}')")[0][0]!;
        return new Evaluation(scores, falsePositives, reconciled, expected, examples, overstated, expectedOverstatement);
    }

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static List<object?[]> Query(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

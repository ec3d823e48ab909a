using System.Globalization;

namespace Ngdbt.Adapters.DuckDb;

internal sealed partial class DuckDbConnection
{
    public MaterializeResult Snapshot(RelationRef relation, string sql, SnapshotSpec spec, TableLayout? layout = null)
    {
        var target = Name(relation);
        var key = string.Join(" || '|' || ", spec.UniqueKey.Select(k => $"cast({dialect.Quote(k)} as varchar)"));
        var validFrom = spec.Strategy == "timestamp" && spec.UpdatedAt is { } u ? $"cast({dialect.Quote(u)} as timestamp)" : "cast(now() as timestamp)";
        var staged = $"select *, {key} as dbt_unique_key, {validFrom} as ngdbt_new_valid_from from (\n{sql}\n) as ngdbt_src";
        long rows = 0;
        InTransaction(() =>
        {
            if (GetRelationKind(relation) is null)
            {
                Execute($"CREATE TABLE {target} AS SELECT * EXCLUDE (dbt_unique_key, ngdbt_new_valid_from), md5(dbt_unique_key || '|' || cast(ngdbt_new_valid_from as varchar)) as dbt_scd_id, ngdbt_new_valid_from as dbt_valid_from, cast(null as timestamp) as dbt_valid_to, ngdbt_new_valid_from as dbt_updated_at FROM ({staged})");
                rows = Convert.ToInt64(Scalar($"SELECT count(*) FROM {target}"), CultureInfo.InvariantCulture);
                return;
            }

            var currentKey = string.Join(" || '|' || ", spec.UniqueKey.Select(k => $"cast(cur.{dialect.Quote(k)} as varchar)"));
            var changed = spec.Strategy == "timestamp"
                ? $"s.ngdbt_new_valid_from > cur.dbt_valid_from"
                : string.Join(" OR ", spec.CheckCols.Select(c => $"s.{dialect.Quote(c)} IS DISTINCT FROM cur.{dialect.Quote(c)}"));
            Execute($"CREATE OR REPLACE TEMP TABLE ngdbt_snapshot_staged AS {staged}");
            Execute($"CREATE OR REPLACE TEMP TABLE ngdbt_snapshot_changes AS SELECT s.* FROM ngdbt_snapshot_staged s LEFT JOIN (SELECT *, {currentKey} AS k FROM {target} cur WHERE dbt_valid_to IS NULL) cur ON cur.k = s.dbt_unique_key WHERE cur.k IS NULL OR ({changed})");
            Execute($"UPDATE {target} AS cur SET dbt_valid_to = c.ngdbt_new_valid_from FROM ngdbt_snapshot_changes c WHERE cur.dbt_valid_to IS NULL AND {currentKey} = c.dbt_unique_key");
            if (spec.InvalidateHardDeletes)
            {
                Execute($"UPDATE {target} AS cur SET dbt_valid_to = cast(now() as timestamp) WHERE cur.dbt_valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM ngdbt_snapshot_staged s WHERE s.dbt_unique_key = {currentKey})");
            }

            rows = Execute($"INSERT INTO {target} BY NAME SELECT * EXCLUDE (dbt_unique_key, ngdbt_new_valid_from), md5(dbt_unique_key || '|' || cast(ngdbt_new_valid_from as varchar)) as dbt_scd_id, ngdbt_new_valid_from as dbt_valid_from, cast(null as timestamp) as dbt_valid_to, ngdbt_new_valid_from as dbt_updated_at FROM ngdbt_snapshot_changes");
            Execute("DROP TABLE ngdbt_snapshot_staged");
            Execute("DROP TABLE ngdbt_snapshot_changes");
        }, layout);
        return new MaterializeResult(rows, $"INSERT {rows}");
    }

    public long Export(RelationRef relation, string path, string format)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = format.Equals("parquet", StringComparison.OrdinalIgnoreCase) ? "FORMAT parquet" : "FORMAT csv, HEADER true";
        return Execute($"COPY (SELECT * FROM {Name(relation)}) TO {dialect.Literal(path)} ({options})");
    }

    public IReadOnlyList<string> Glob(string pattern)
        => [.. Query($"SELECT file FROM glob({dialect.Literal(pattern)}) ORDER BY file").Rows.Select(r => (string)r[0]!)];
}

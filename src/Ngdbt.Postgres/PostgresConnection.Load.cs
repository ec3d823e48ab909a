using System.Data;
using System.Globalization;
using System.Numerics;
using Npgsql;
using NpgsqlTypes;

namespace Ngdbt.Adapters.Postgres;

internal sealed partial class PostgresConnection
{
    /// <summary>Binary COPY of rows (from the file engine) into a table with the declared column types. Replacing builds
    /// the new table under a temporary name and swaps it in, in one transaction.</summary>
    public MaterializeResult BulkLoad(RelationRef relation, IReadOnlyList<ColumnInfo> columns, IDataReader rows, bool append, Action<long>? progress = null, string? alsoExecute = null, TableLayout? layout = null)
    {
        long count = 0;
        InTransaction(() =>
        {
            var into = append ? Name(relation) : Temp(relation);
            if (!append)
            {
                Execute($"DROP TABLE IF EXISTS {into}");
                Execute($"CREATE TABLE {into} ({string.Join(", ", columns.Select(c => $"{dialect.Quote(c.Name)} {dialect.NativeType(c.Type)}"))})");
                Place(Temp(relation), relation, layout);
            }

            var types = columns.Select(c => DbType(dialect.NormalizeType(c.Type))).ToArray();
            var ordinals = columns.Select(c => rows.GetOrdinal(c.Name)).ToArray();
            try
            {
                using var writer = connection.BeginBinaryImport($"COPY {into} ({string.Join(", ", columns.Select(c => dialect.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)");
                while (rows.Read())
                {
                    writer.StartRow();
                    for (var i = 0; i < ordinals.Length; i++)
                    {
                        if (rows.IsDBNull(ordinals[i]))
                        {
                            writer.WriteNull();
                        }
                        else
                        {
                            WriteValue(writer, rows.GetValue(ordinals[i]), types[i]);
                        }
                    }

                    if (++count % 100_000 == 0)
                    {
                        progress?.Invoke(count);
                    }
                }

                writer.Complete();
            }
            catch (PostgresException e)
            {
                throw PostgresErrors.Statement(e, string.Empty);
            }

            if (!append)
            {
                Swap(relation);
            }

            if (alsoExecute is { Length: > 0 })
            {
                Execute(alsoExecute);
            }
        }, layout);
        progress?.Invoke(count);
        return new MaterializeResult(count, $"COPY {count}");
    }

    private static NpgsqlDbType DbType(string canonical) => canonical switch
    {
        "VARCHAR" => NpgsqlDbType.Text,
        "BIGINT" => NpgsqlDbType.Bigint,
        "INTEGER" => NpgsqlDbType.Integer,
        "SMALLINT" => NpgsqlDbType.Smallint,
        "BOOLEAN" => NpgsqlDbType.Boolean,
        "DOUBLE" => NpgsqlDbType.Double,
        "FLOAT" => NpgsqlDbType.Real,
        "DATE" => NpgsqlDbType.Date,
        "TIMESTAMP" => NpgsqlDbType.Timestamp,
        "TIMESTAMP WITH TIME ZONE" => NpgsqlDbType.TimestampTz,
        "JSON" => NpgsqlDbType.Jsonb,
        var t when t.StartsWith("DECIMAL", StringComparison.Ordinal) || t is "HUGEINT" or "UBIGINT" => NpgsqlDbType.Numeric,
        _ => NpgsqlDbType.Text,
    };

    /// <summary>Values arrive as the file engine's CLR types; money stays System.Decimal all the way.</summary>
    private static void WriteValue(NpgsqlBinaryImporter writer, object value, NpgsqlDbType type)
    {
        switch (type)
        {
            case NpgsqlDbType.Text or NpgsqlDbType.Jsonb:
                writer.Write(Convert.ToString(value, CultureInfo.InvariantCulture)!, type);
                break;
            case NpgsqlDbType.Numeric:
                writer.Write(value is BigInteger big ? (decimal)big : Convert.ToDecimal(value, CultureInfo.InvariantCulture), type);
                break;
            case NpgsqlDbType.Bigint:
                writer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture), type);
                break;
            case NpgsqlDbType.Integer:
                writer.Write(Convert.ToInt32(value, CultureInfo.InvariantCulture), type);
                break;
            case NpgsqlDbType.Smallint:
                writer.Write(Convert.ToInt16(value, CultureInfo.InvariantCulture), type);
                break;
            case NpgsqlDbType.Date:
                writer.Write(value is DateOnly d ? d : DateOnly.FromDateTime(Convert.ToDateTime(value, CultureInfo.InvariantCulture)), type);
                break;
            case NpgsqlDbType.Timestamp:
                writer.Write(DateTime.SpecifyKind(Convert.ToDateTime(value, CultureInfo.InvariantCulture), DateTimeKind.Unspecified), type);
                break;
            case NpgsqlDbType.TimestampTz:
                writer.Write(value is DateTimeOffset o ? o.UtcDateTime : DateTime.SpecifyKind(Convert.ToDateTime(value, CultureInfo.InvariantCulture), DateTimeKind.Utc), type);
                break;
            default:
                writer.Write(value, type);
                break;
        }
    }

    public MaterializeResult Snapshot(RelationRef relation, string sql, SnapshotSpec spec, TableLayout? layout = null)
    {
        var target = Name(relation);
        var key = string.Join(" || '|' || ", spec.UniqueKey.Select(k => $"cast({dialect.Quote(k)} as text)"));
        var validFrom = spec.Strategy == "timestamp" && spec.UpdatedAt is { } u ? $"cast({dialect.Quote(u)} as timestamp)" : "cast(now() as timestamp)";
        var staged = $"select ngdbt_src.*, {key} as dbt_unique_key, {validFrom} as ngdbt_new_valid_from from (\n{sql}\n) as ngdbt_src";
        long rows = 0;
        InTransaction(() =>
        {
            Execute("DROP TABLE IF EXISTS ngdbt_snapshot_staged");
            Execute($"CREATE TEMP TABLE ngdbt_snapshot_staged ON COMMIT DROP AS {staged}");
            var columns = Describe(sql).Select(c => dialect.Quote(c.Name)).ToList();
            var list = string.Join(", ", columns);
            var meta = "md5(dbt_unique_key || '|' || cast(ngdbt_new_valid_from as text)) as dbt_scd_id, ngdbt_new_valid_from as dbt_valid_from, cast(null as timestamp) as dbt_valid_to, ngdbt_new_valid_from as dbt_updated_at";
            if (GetRelationKind(relation) is null)
            {
                Execute($"CREATE TABLE {target} AS SELECT {list}, {meta} FROM ngdbt_snapshot_staged");
                rows = Count(target);
                return;
            }

            var currentKey = string.Join(" || '|' || ", spec.UniqueKey.Select(k => $"cast(cur.{dialect.Quote(k)} as text)"));
            var changed = spec.Strategy == "timestamp"
                ? "s.ngdbt_new_valid_from > cur.dbt_valid_from"
                : string.Join(" OR ", spec.CheckCols.Select(c => $"s.{dialect.Quote(c)} IS DISTINCT FROM cur.{dialect.Quote(c)}"));
            Execute("DROP TABLE IF EXISTS ngdbt_snapshot_changes");
            Execute($"CREATE TEMP TABLE ngdbt_snapshot_changes ON COMMIT DROP AS SELECT s.* FROM ngdbt_snapshot_staged s LEFT JOIN (SELECT cur.*, {currentKey} AS k FROM {target} cur WHERE dbt_valid_to IS NULL) cur ON cur.k = s.dbt_unique_key WHERE cur.k IS NULL OR ({changed})");
            Execute($"UPDATE {target} AS cur SET dbt_valid_to = c.ngdbt_new_valid_from FROM ngdbt_snapshot_changes c WHERE cur.dbt_valid_to IS NULL AND {currentKey} = c.dbt_unique_key");
            if (spec.InvalidateHardDeletes)
            {
                Execute($"UPDATE {target} AS cur SET dbt_valid_to = cast(now() as timestamp) WHERE cur.dbt_valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM ngdbt_snapshot_staged s WHERE s.dbt_unique_key = {currentKey})");
            }

            rows = Execute($"INSERT INTO {target} ({list}, dbt_scd_id, dbt_valid_from, dbt_valid_to, dbt_updated_at) SELECT {list}, {meta} FROM ngdbt_snapshot_changes");
        }, layout);
        return new MaterializeResult(rows, $"INSERT {rows}");
    }
}

using System.Globalization;
using DuckDB.NET.Data;

namespace Ngdbt.Adapters.DuckDb;

internal sealed partial class DuckDbConnection
{
    public MaterializeResult Incremental(RelationRef relation, string sql, IncrementalStrategy strategy, IReadOnlyList<string> uniqueKey, TableLayout? layout = null)
    {
        var target = Name(relation);
        var temp = dialect.Quote(relation.Identifier + "__ngdbt_incr");
        long rows = 0;
        InTransaction(() =>
        {
            Execute($"CREATE OR REPLACE TEMP TABLE {temp} AS (\n{sql}\n)");
            rows = Convert.ToInt64(Scalar($"SELECT count(*) FROM {temp}"), CultureInfo.InvariantCulture);
            var change = SchemaChange.Plan(relation, Describe($"SELECT * FROM {target}"), Describe($"SELECT * FROM {temp}"), layout);
            foreach (var c in change.Add)
            {
                Execute($"ALTER TABLE {target} ADD COLUMN {dialect.Quote(c.Name)} {c.Type}");
            }

            foreach (var c in change.Drop)
            {
                Execute($"ALTER TABLE {target} DROP COLUMN {dialect.Quote(c.Name)}");
            }

            var list = string.Join(", ", change.InsertColumns.Select(dialect.Quote));
            if (strategy != IncrementalStrategy.Append && uniqueKey.Count > 0)
            {
                var keys = string.Join(", ", uniqueKey.Select(dialect.Quote));
                var match = string.Join(" AND ", uniqueKey.Select(k => $"t.{dialect.Quote(k)} = s.{dialect.Quote(k)}"));
                if (strategy == IncrementalStrategy.Merge)
                {
                    var set = string.Join(", ", change.InsertColumns.Select(c => $"{dialect.Quote(c)} = s.{dialect.Quote(c)}"));
                    Execute($"MERGE INTO {target} AS t USING {temp} AS s ON ({match}) WHEN MATCHED THEN UPDATE SET {set} WHEN NOT MATCHED THEN INSERT ({list}) VALUES ({string.Join(", ", change.InsertColumns.Select(c => "s." + dialect.Quote(c)))})");
                    Execute($"DROP TABLE {temp}");
                    return;
                }

                Execute($"DELETE FROM {target} WHERE ({keys}) IN (SELECT {keys} FROM {temp})");
            }

            Execute($"INSERT INTO {target} ({list}) SELECT {list} FROM {temp}");
            Execute($"DROP TABLE {temp}");
        }, layout);
        return new MaterializeResult(rows, $"INSERT {rows}");
    }

    public QueryResult Query(string sql, int? maxRows = null)
    {
        using var cmd = Command(maxRows is { } n ? dialect.Limit(sql, n) : sql);
        using var reader = Run(cmd.ExecuteReader, cmd.CommandText);
        var columns = Columns(reader);
        var rows = new List<IReadOnlyList<object?>>();
        while (Run(reader.Read, cmd.CommandText))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new QueryResult(columns, rows);
    }

    public System.Data.IDataReader Stream(string sql)
    {
        var cmd = Command(sql);
        return Run(cmd.ExecuteReader, cmd.CommandText);
    }

    public MaterializeResult BulkLoad(RelationRef relation, IReadOnlyList<ColumnInfo> columns, System.Data.IDataReader rows, bool append, Action<long>? progress = null, string? alsoExecute = null, TableLayout? layout = null)
        => throw new NotSupportedException("DuckDB reads files itself; the engine never bulk-loads into it");

    public string ServerVersion() => "DuckDB " + Convert.ToString(Scalar("select version()"), CultureInfo.InvariantCulture);

    /// <summary>Column names and types; decimals keep precision and scale (DECIMAL(19,4)) from the reader's schema table.</summary>
    private static List<ColumnInfo> Columns(System.Data.Common.DbDataReader reader)
    {
        var schema = reader.GetSchemaTable();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(i =>
        {
            var type = reader.GetDataTypeName(i);
            if (type == "Decimal" && schema?.Rows[i] is { } row && row["NumericPrecision"] is not DBNull && row["NumericScale"] is not DBNull)
            {
                type = string.Create(CultureInfo.InvariantCulture, $"DECIMAL({Convert.ToInt32(row["NumericPrecision"], CultureInfo.InvariantCulture)},{Convert.ToInt32(row["NumericScale"], CultureInfo.InvariantCulture)})");
            }

            return new ColumnInfo(reader.GetName(i), type);
        })];
    }

    public IReadOnlyList<ColumnInfo> Describe(string sql)
    {
        var result = Query($"DESCRIBE (\n{sql}\n)");
        return [.. result.Rows.Select(r => new ColumnInfo((string)r[0]!, dialect.NormalizeType((string)r[1]!)))];
    }

    public long Execute(string sql)
    {
        using var cmd = Command(sql);
        return Run(cmd.ExecuteNonQuery, cmd.CommandText);
    }

    private object? Scalar(string sql)
    {
        using var cmd = Command(sql);
        var value = Run(cmd.ExecuteScalar, cmd.CommandText);
        return value is DBNull ? null : value;
    }

    private DuckDBCommand Command(string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    private static T Run<T>(Func<T> action, string sql)
    {
        try
        {
            return action();
        }
        catch (DuckDBException e)
        {
            throw DuckDbErrors.Exception(e, sql);
        }
    }

    public IReadOnlyList<CatalogEntry> ReadCatalog(IReadOnlyCollection<RelationRef>? relations)
    {
        var wanted = relations?.ToHashSet();
        var columns = Query("SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database() ORDER BY table_schema, table_name, ordinal_position");
        var kinds = Query("SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_catalog = current_database()");
        var sizes = Query("SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE NOT temporary AND database_name = current_database()")
            .Rows.ToDictionary(r => new RelationRef((string)r[0]!, (string)r[1]!), r => r[2] is null ? (long?)null : Convert.ToInt64(r[2], CultureInfo.InvariantCulture));
        var byRelation = columns.Rows.GroupBy(r => new RelationRef((string)r[0]!, (string)r[1]!));
        var kindOf = kinds.Rows.ToDictionary(r => new RelationRef((string)r[0]!, (string)r[1]!), r => (string)r[2]! == "VIEW" ? RelationKind.View : RelationKind.Table);
        return [.. byRelation.Where(g => wanted is null || wanted.Contains(g.Key)).Select(g => new CatalogEntry(
            g.Key,
            kindOf.GetValueOrDefault(g.Key),
            [.. g.Select(r => new ColumnInfo((string)r[2]!, dialect.NormalizeType((string)r[3]!)))],
            sizes.GetValueOrDefault(g.Key),
            null))];
    }
}

using System.Globalization;
using Npgsql;

namespace Ngdbt.Adapters.Postgres;

/// <summary>One worker's connection. PostgreSQL's DDL is transactional, so every materialization builds under a temporary
/// name and swaps in inside one transaction: readers never see the relation missing, and a failure leaves it untouched.</summary>
internal sealed partial class PostgresConnection(NpgsqlConnection connection, PostgresDialect dialect, Action<PostgresConnection>? closed = null, CitusLayout? citus = null) : IAdapterConnection
{
    private const string TempSuffix = "__ngdbt_tmp";

    public RelationKind? GetRelationKind(RelationRef relation)
    {
        var kind = Scalar($"SELECT c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = {dialect.Literal(relation.Schema)} AND c.relname = {dialect.Literal(relation.Identifier)}");
        return kind switch
        {
            "v" or "m" => RelationKind.View,
            null => null,
            _ => RelationKind.Table,
        };
    }

    public void EnsureSchema(string schema) => Execute($"CREATE SCHEMA IF NOT EXISTS {dialect.Quote(schema)}");

    public MaterializeResult CreateView(RelationRef relation, string sql, TableLayout? layout = null)
    {
        InTransaction(() =>
        {
            DropRelation(relation);
            Execute($"CREATE VIEW {Name(relation)} AS (\n{sql}\n)");
        }, layout);
        return new MaterializeResult(null, "CREATE VIEW");
    }

    public MaterializeResult CreateTable(RelationRef relation, string sql, TableLayout? layout = null)
    {
        long rows = 0;
        InTransaction(() =>
        {
            Execute($"DROP TABLE IF EXISTS {Temp(relation)}");
            if (citus is not null && citus.Placement(relation, layout) is not null)
            {
                // Citus: an empty table is distributed (or made a reference table) first, then filled by a distributed
                // INSERT ... SELECT that runs on the workers, all before it is renamed in.
                Execute($"CREATE TABLE {Temp(relation)} AS (\n{sql}\n) WITH NO DATA");
                Place(Temp(relation), relation, layout);
                Execute($"INSERT INTO {Temp(relation)} SELECT * FROM (\n{sql}\n) AS ngdbt_src");
                InsertMoreBatches(relation, layout);
                if (CitusLayout.IsDistributed(layout))
                {
                    // The next models read the shards before autovacuum has seen them: without statistics each shard's
                    // planner takes default selectivities and chose nested loops over 155k-row shards (a 5M-row build
                    // that did not finish). ANALYZE runs on every shard, in this transaction. (Not on a reference
                    // table: its coordinator copy is analyzed by local execution, after which Citus refuses the swap.)
                    Execute($"ANALYZE {Temp(relation)}");
                }
            }
            else
            {
                Execute($"CREATE TABLE {Temp(relation)} AS (\n{sql}\n)");
                InsertMoreBatches(relation, layout);
            }

            rows = Count(Temp(relation));
            Swap(relation);
        }, layout);
        return new MaterializeResult(rows, $"SELECT {rows}");
    }

    /// <summary>A table built in `batches`: the rows of the batches after the first, one statement each.</summary>
    private void InsertMoreBatches(RelationRef relation, TableLayout? layout)
    {
        foreach (var batch in layout?.MoreBatches ?? [])
        {
            Execute($"INSERT INTO {Temp(relation)} SELECT * FROM (\n{batch}\n) AS ngdbt_batch");
        }
    }

    /// <summary>Replaces the relation by its temporary twin, in the caller's transaction. Views that read the old table
    /// are dropped with it (PostgreSQL binds views to tables, as dbt-postgres does); they are rebuilt when they run.</summary>
    private void Swap(RelationRef relation)
    {
        DropRelation(relation);
        Execute($"ALTER TABLE {Temp(relation)} RENAME TO {dialect.Quote(relation.Identifier)}");
    }

    public MaterializeResult LoadSeed(RelationRef relation, string csvPath, IReadOnlyDictionary<string, string> columnTypes)
        => throw new NotSupportedException("PostgreSQL seeds are loaded through the file engine and BulkLoad");

    public void DropRelation(RelationRef relation)
    {
        switch (GetRelationKind(relation))
        {
            case RelationKind.View:
                Execute($"DROP VIEW {Name(relation)} CASCADE");
                break;
            case RelationKind.Table:
                Execute($"DROP TABLE {Name(relation)} CASCADE");
                break;
        }
    }

    public MaterializeResult Incremental(RelationRef relation, string sql, IncrementalStrategy strategy, IReadOnlyList<string> uniqueKey, TableLayout? layout = null)
    {
        var target = Name(relation);
        var temp = dialect.Quote(relation.Identifier + "__ngdbt_incr");
        long rows = 0;
        InTransaction(() =>
        {
            Execute($"DROP TABLE IF EXISTS {temp}");
            Execute($"CREATE TEMP TABLE {temp} ON COMMIT DROP AS (\n{sql}\n)");
            rows = Count(temp);
            var change = SchemaChange.Plan(relation, Describe($"SELECT * FROM {target}"), Describe($"SELECT * FROM {temp}"), layout);
            foreach (var c in change.Add)
            {
                Execute($"ALTER TABLE {target} ADD COLUMN {dialect.Quote(c.Name)} {dialect.NativeType(c.Type)}");
            }

            foreach (var c in change.Drop)
            {
                Execute($"ALTER TABLE {target} DROP COLUMN {dialect.Quote(c.Name)}");
            }

            var columns = change.InsertColumns.Select(dialect.Quote).ToList();
            var list = string.Join(", ", columns);
            if (strategy != IncrementalStrategy.Append && uniqueKey.Count > 0)
            {
                var match = string.Join(" AND ", uniqueKey.Select(k => $"t.{dialect.Quote(k)} = s.{dialect.Quote(k)}"));
                if (strategy == IncrementalStrategy.Merge)
                {
                    var set = string.Join(", ", columns.Select(c => $"{c} = s.{c}"));
                    Execute($"MERGE INTO {target} AS t USING {temp} AS s ON ({match}) WHEN MATCHED THEN UPDATE SET {set} WHEN NOT MATCHED THEN INSERT ({list}) VALUES ({string.Join(", ", columns.Select(c => "s." + c))})");
                    return;
                }

                Execute($"DELETE FROM {target} AS t USING {temp} AS s WHERE {match}");
            }

            Execute($"INSERT INTO {target} ({list}) SELECT {list} FROM {temp}");
        }, layout);
        return new MaterializeResult(rows, $"INSERT {rows}");
    }

    public long Export(RelationRef relation, string path, string format)
    {
        if (!format.Equals("csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new AdapterSqlException($"export format '{format}' is not supported on postgres (supported: csv)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var reader = Run(() => connection.BeginTextExport($"COPY (SELECT * FROM {Name(relation)}) TO STDOUT (FORMAT csv, HEADER true)"), "COPY");
        using var writer = new StreamWriter(path);
        long lines = -1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            writer.WriteLine(line);
            lines++;
        }

        return Math.Max(0, lines);
    }

    public IReadOnlyList<string> Glob(string pattern)
        => throw new NotSupportedException("PostgreSQL does not read files; globbing is the file engine's");

    public string ServerVersion() => Convert.ToString(Scalar("SELECT version()"), CultureInfo.InvariantCulture) ?? "PostgreSQL";

    /// <summary>Citus: distributes the new table (or makes it a reference table) as its configs say; plain PostgreSQL
    /// and tables without a placement are left local.</summary>
    private void Place(string table, RelationRef relation, TableLayout? layout)
    {
        if (citus?.Placement(relation, layout) is { } statement)
        {
            // Co-locating with a table not built yet (a first run): Citus's default group places both alike anyway.
            var other = citus.ColocationTarget(relation, layout!);
            var colocate = other is not null && GetRelationKind(other) is not null ? dialect.Relation(other.Schema, other.Identifier) : "default";
            if (statement.Contains("create_reference_table", StringComparison.Ordinal))
            {
                // Two transactions that each create and fill a reference table (threads > 1) can end in a distributed
                // deadlock (all reference tables share one colocation group): such builds take turns, until commit.
                Execute($"SELECT pg_advisory_xact_lock({ReferencePlacementLock})");
            }

            Execute(statement.Replace("{table}", dialect.Literal(table), StringComparison.Ordinal).Replace("{colocate}", dialect.Literal(colocate), StringComparison.Ordinal));
        }
    }

    /// <summary>The transaction-scoped advisory lock that serializes reference-table builds on a Citus coordinator.</summary>
    private const long ReferencePlacementLock = 0x6e676462745246; // "ngdbtRF"

    /// <summary>CREATE TABLE AS reports no row count through Npgsql; count the new relation instead.</summary>
    private long Count(string relation) => Convert.ToInt64(Scalar($"SELECT count(*) FROM {relation}"), CultureInfo.InvariantCulture);

    private string Name(RelationRef r) => dialect.Relation(r.Schema, r.Identifier);

    private string Temp(RelationRef r) => dialect.Relation(r.Schema, r.Identifier + TempSuffix);

    /// <summary>Runs the work in one transaction, with the node's pre-hooks first and its post-hooks last.</summary>
    private void InTransaction(Action action, TableLayout? layout = null) => Transaction.Run(Execute, "BEGIN", action, layout);

    public void Dispose()
    {
        closed?.Invoke(this);
        connection.Dispose();
    }
}

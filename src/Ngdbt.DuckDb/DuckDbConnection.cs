using DuckDB.NET.Data;

namespace Ngdbt.Adapters.DuckDb;

/// <summary>One worker's connection. Materializations run inside transactions so a failure leaves the old relation intact.</summary>
internal sealed partial class DuckDbConnection(DuckDBConnection connection, DuckDbDialect dialect) : IAdapterConnection
{
    private const string TempSuffix = "__ngdbt_tmp";

    public RelationKind? GetRelationKind(RelationRef relation)
    {
        var kind = Scalar(
            $"SELECT table_type FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = {dialect.Literal(relation.Schema)} AND table_name = {dialect.Literal(relation.Identifier)}");
        return kind switch
        {
            "VIEW" => RelationKind.View,
            null => null,
            _ => RelationKind.Table,
        };
    }

    public void EnsureSchema(string schema) => Execute($"CREATE SCHEMA IF NOT EXISTS {dialect.Quote(schema)}");

    public MaterializeResult CreateView(RelationRef relation, string sql, TableLayout? layout = null)
    {
        var name = Name(relation);
        InTransaction(() =>
        {
            if (GetRelationKind(relation) == RelationKind.Table)
            {
                Execute($"DROP TABLE {name}");
            }

            Execute($"CREATE OR REPLACE VIEW {name} AS (\n{sql}\n)");
        }, layout);
        return new MaterializeResult(null, "OK");
    }

    public MaterializeResult CreateTable(RelationRef relation, string sql, TableLayout? layout = null)
    {
        long rows = 0;
        InTransaction(() => rows = BuildAndSwap(relation, $"CREATE TABLE {Temp(relation)} AS (\n{sql}\n)", layout?.MoreBatches ?? []), layout);
        return new MaterializeResult(rows, $"SELECT {rows}");
    }

    public MaterializeResult LoadSeed(RelationRef relation, string csvPath, IReadOnlyDictionary<string, string> columnTypes)
    {
        var types = columnTypes.Count == 0
            ? string.Empty
            : ", types = {" + string.Join(", ", columnTypes.Select(kv => $"{dialect.Literal(kv.Key)}: {dialect.Literal(kv.Value)}")) + "}";
        var read = $"SELECT * FROM read_csv({dialect.Literal(csvPath)}, header = true, auto_detect = true{types})";
        long rows = 0;
        InTransaction(() => rows = BuildAndSwap(relation, $"CREATE TABLE {Temp(relation)} AS {read}", []));
        return new MaterializeResult(rows, $"INSERT {rows}");
    }

    /// <summary>Creates the new relation under a temporary name, then replaces the old one and renames, all in the caller's transaction.</summary>
    private long BuildAndSwap(RelationRef relation, string createTemp, IReadOnlyList<string> moreBatches)
    {
        Execute($"DROP TABLE IF EXISTS {Temp(relation)}");
        Execute(createTemp);
        foreach (var batch in moreBatches)
        {
            // one statement per batch: DuckDB frees the batch's joins and aggregates before the next one starts
            Execute($"INSERT INTO {Temp(relation)} SELECT * FROM (\n{batch}\n) AS ngdbt_batch");
        }

        var rows = Convert.ToInt64(Scalar($"SELECT count(*) FROM {Temp(relation)}"), System.Globalization.CultureInfo.InvariantCulture);
        DropRelation(relation);
        Execute($"ALTER TABLE {Temp(relation)} RENAME TO {dialect.Quote(relation.Identifier)}");
        return rows;
    }

    public void DropRelation(RelationRef relation)
    {
        switch (GetRelationKind(relation))
        {
            case RelationKind.View:
                Execute($"DROP VIEW {Name(relation)}");
                break;
            case RelationKind.Table:
                Execute($"DROP TABLE {Name(relation)}");
                break;
        }
    }

    private string Name(RelationRef r) => dialect.Relation(r.Schema, r.Identifier);

    private string Temp(RelationRef r) => dialect.Relation(r.Schema, r.Identifier + TempSuffix);

    /// <summary>Runs the work in one transaction, with the node's pre-hooks first and its post-hooks last.</summary>
    private void InTransaction(Action action, TableLayout? layout = null) => Transaction.Run(Execute, "BEGIN TRANSACTION", action, layout);

    public void Dispose() => connection.Dispose();
}

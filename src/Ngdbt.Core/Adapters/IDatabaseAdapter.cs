namespace Ngdbt.Adapters;

/// <summary>The one boundary between the engine and a database. Everything dialect-specific (quoting, relation names,
/// DDL/DML of each materialization, type mapping, catalog queries, the atomic swap) lives behind it.</summary>
public interface IDatabaseAdapter : IDisposable
{
    string Type { get; }

    ISqlDialect Dialect { get; }

    AdapterCapabilities Capabilities { get; }

    /// <summary>Opens a connection for one worker thread. Connections are not shared between threads.</summary>
    IAdapterConnection Connect();
}

public interface ISqlDialect
{
    string Quote(string identifier);

    string Relation(string schema, string identifier);

    /// <summary>True when the database reads files itself (<see cref="ExternalRelation"/>); otherwise ngdbt loads file
    /// sources and seeds into it.</summary>
    bool ReadsFiles { get; }

    /// <summary>SQL that reads an external file set as a relation (e.g. Parquet with hive partitions).</summary>
    string ExternalRelation(string location, string? format, string? readOptions = null);

    /// <summary>Wraps a query so it returns at most <paramref name="limit"/> rows.</summary>
    string Limit(string sql, int limit);

    /// <summary>A string literal, escaped.</summary>
    string Literal(string value);

    /// <summary>Casts an expression to a type in this dialect.</summary>
    string Cast(string expression, string type);

    /// <summary>Normalizes a type name as the database reports it (DECIMAL(19, 4) → DECIMAL(19,4)).</summary>
    string NormalizeType(string type);

    /// <summary>SQL that makes another database file readable as <paramref name="alias"/> (read-only), for `--defer` to a
    /// state built in another file; null when the warehouse cannot (then only relations of its own database are readable).</summary>
    string? AttachReadOnly(string location, string alias) => null;

    /// <summary>An integer in [0, <paramref name="count"/>) (count: SQL text of a positive integer) computed from
    /// <paramref name="expression"/>'s hash, the same for equal values and never NULL (a NULL key falls in one bucket
    /// too): how a model built in batches reads one batch of each input that declares a `batch_key`. Null when the
    /// database has no hash function ngdbt can use.</summary>
    string? HashBucket(string expression, string count) => null;
}

public enum RelationKind
{
    Table,
    View,
}

public sealed record RelationRef(string Schema, string Identifier);

public sealed record ColumnInfo(string Name, string Type);

public sealed record MaterializeResult(long? RowsAffected, string Message);

public sealed record QueryResult(IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

public sealed record CatalogEntry(RelationRef Relation, RelationKind Kind, IReadOnlyList<ColumnInfo> Columns, long? RowCount, long? Bytes);

/// <summary>A SQL error from the database: an expected user error, not a bug. <see cref="Line"/> is the 1-based line in the
/// submitted SQL when the database reports one.</summary>
public sealed class AdapterSqlException(string message, int? line = null, Exception? inner = null, int? column = null) : Exception(message, inner)
{
    public int? Line { get; } = line;

    /// <summary>The 1-based column on <see cref="Line"/>, when the database reports a position.</summary>
    public int? Column { get; } = column;

    /// <summary>The statement ran out of the memory the database shares between concurrent statements (DuckDB's
    /// memory_limit); the executor runs the node again alone.</summary>
    public bool OutOfMemory { get; init; }
}

namespace Ngdbt.Adapters;

public enum IncrementalStrategy
{
    Append,
    Merge,
    DeleteInsert,
}

/// <summary>How a snapshot detects change: `timestamp` (a newer updated_at) or `check` (any of the check columns differs).
/// <paramref name="InvalidateHardDeletes"/>: current rows whose key is gone from the select get dbt_valid_to = the
/// snapshot time (dbt's `hard_deletes: invalidate`).</summary>
public sealed record SnapshotSpec(IReadOnlyList<string> UniqueKey, string Strategy, string? UpdatedAt, IReadOnlyList<string> CheckCols, bool InvalidateHardDeletes = false);

/// <summary>A node's resolved configs for adapters that place tables physically (Citus's `distributed_by`,
/// `colocate_with`, `reference`); <see cref="ResolveModel"/> turns a model name into its relation.</summary>
/// <see cref="PreHooks"/> and <see cref="PostHooks"/> run inside the materialization's transaction: before the build,
/// and after the swap just before COMMIT, so a failing hook leaves the previous relation in place.
public sealed record TableLayout(IReadOnlyDictionary<string, object?> Config, Func<string, RelationRef?> ResolveModel)
{
    public IReadOnlyList<string> PreHooks { get; init; } = [];

    public IReadOnlyList<string> PostHooks { get; init; } = [];

    /// <summary>A table built in `batches`: the SELECTs of the batches after the first, whose rows are inserted into the
    /// new relation after the first batch created it and before it is swapped in (same transaction).</summary>
    public IReadOnlyList<string> MoreBatches { get; init; } = [];
}

public interface IAdapterConnection : IDisposable
{
    RelationKind? GetRelationKind(RelationRef relation);

    void EnsureSchema(string schema);

    MaterializeResult CreateView(RelationRef relation, string sql, TableLayout? layout = null);

    /// <summary>Builds the query into a temporary relation and swaps it in atomically: on failure the old relation is untouched.</summary>
    MaterializeResult CreateTable(RelationRef relation, string sql, TableLayout? layout = null);

    MaterializeResult Incremental(RelationRef relation, string sql, IncrementalStrategy strategy, IReadOnlyList<string> uniqueKey, TableLayout? layout = null);

    /// <summary>Loads a CSV file with declared column types (exact decimals), swapping atomically like a table.</summary>
    MaterializeResult LoadSeed(RelationRef relation, string csvPath, IReadOnlyDictionary<string, string> columnTypes);

    /// <summary>SCD type 2: closes changed current rows (dbt_valid_to) and inserts their new versions.</summary>
    MaterializeResult Snapshot(RelationRef relation, string sql, SnapshotSpec spec, TableLayout? layout = null);

    /// <summary>Writes a relation to a file (csv or parquet), e.g. the ERP adjustments export.</summary>
    long Export(RelationRef relation, string path, string format);

    /// <summary>Files matching a glob pattern, sorted.</summary>
    IReadOnlyList<string> Glob(string pattern);

    QueryResult Query(string sql, int? maxRows = null);

    /// <summary>Streams a query's rows (the file engine's side of loading a file source into another warehouse).</summary>
    System.Data.IDataReader Stream(string sql);

    /// <summary>Loads rows into a table with the given column types: replacing it atomically, or appending to it.
    /// Adapters that read files themselves never get this call. <paramref name="alsoExecute"/> runs in the same
    /// transaction (bookkeeping that must commit with the rows, or not at all).</summary>
    MaterializeResult BulkLoad(RelationRef relation, IReadOnlyList<ColumnInfo> columns, System.Data.IDataReader rows, bool append, Action<long>? progress = null, string? alsoExecute = null, TableLayout? layout = null);

    /// <summary>The server's own version string, for `debug`.</summary>
    string ServerVersion();

    IReadOnlyList<ColumnInfo> Describe(string sql);

    long Execute(string sql);

    void DropRelation(RelationRef relation);

    /// <summary>Relations with their columns; null means every relation in the database.</summary>
    IReadOnlyList<CatalogEntry> ReadCatalog(IReadOnlyCollection<RelationRef>? relations);

    /// <summary>Why a statement reading <paramref name="inputs"/> should run alone, with the whole of a memory limit that
    /// every running statement shares (DuckDB's memory_limit), instead of beside others; null: it can share.</summary>
    string? RunsAlone(IReadOnlyCollection<RelationRef> inputs) => null;
}

namespace Ngdbt.Adapters;

public enum IncrementalStrategy
{
    Append,
    Merge,
    DeleteInsert,
}

public interface IAdapterConnection : IDisposable
{
    RelationKind? GetRelationKind(RelationRef relation);

    void EnsureSchema(string schema);

    MaterializeResult CreateView(RelationRef relation, string sql);

    /// <summary>Builds the query into a temporary relation and swaps it in atomically: on failure the old relation is untouched.</summary>
    MaterializeResult CreateTable(RelationRef relation, string sql);

    MaterializeResult Incremental(RelationRef relation, string sql, IncrementalStrategy strategy, IReadOnlyList<string> uniqueKey);

    /// <summary>Loads a CSV file with declared column types (exact decimals), swapping atomically like a table.</summary>
    MaterializeResult LoadSeed(RelationRef relation, string csvPath, IReadOnlyDictionary<string, string> columnTypes);

    QueryResult Query(string sql, int? maxRows = null);

    IReadOnlyList<ColumnInfo> Describe(string sql);

    long Execute(string sql);

    void DropRelation(RelationRef relation);

    IReadOnlyList<CatalogEntry> ReadCatalog(IReadOnlyCollection<RelationRef> relations);
}

namespace Ngdbt.Docs.Lineage;

/// <summary>A relation the analyzer may resolve table references to.</summary>
/// <param name="UniqueId">Manifest id, e.g. <c>model.proj.stg_stripe</c>.</param>
/// <param name="RelationName">Rendered relation, e.g. <c>"db"."main"."stg_stripe"</c>; null for ephemeral models.</param>
/// <param name="Name">Node name (used to recognise inlined ephemeral CTEs <c>__ngdbt__cte__name</c>).</param>
/// <param name="Columns">Known column names in order (catalog first, manifest otherwise); empty when unknown.</param>
public sealed record KnownRelation(string UniqueId, string? RelationName, string Name, IReadOnlyList<string> Columns);

/// <summary>One upstream column.</summary>
public sealed record ColumnOrigin(string UniqueId, string Column);

/// <summary>Upstream columns of one output column; empty when it cannot be resolved (never a guess).</summary>
/// <param name="Sources">Where the value comes from: the columns the output expression reads.</param>
public sealed record ColumnLineage(string Column, IReadOnlyList<ColumnOrigin> Sources)
{
    /// <summary>Columns that decide which rows reach the output without flowing into the value: WHERE, JOIN ON/USING,
    /// HAVING and QUALIFY of this query and of the CTEs and subqueries it reads from.</summary>
    public IReadOnlyList<ColumnOrigin> FilteredBy { get; init; } = [];
}

public sealed record LineageResult(IReadOnlyList<ColumnLineage> Columns, IReadOnlyList<string> Diagnostics)
{
    /// <summary>Every known relation the SQL's references resolved to (empty for a result read back from the cache).</summary>
    public IReadOnlyList<string> Relations { get; init; } = [];

    public static LineageResult Failed(string message) => new([], [message]);

    public IReadOnlyList<ColumnOrigin> For(string column) =>
        Find(column)?.Sources ?? [];

    /// <summary>The columns the rows of <paramref name="column"/> are filtered or joined by (not its value).</summary>
    public IReadOnlyList<ColumnOrigin> FilteredBy(string column) => Find(column)?.FilteredBy ?? [];

    private ColumnLineage? Find(string column) =>
        Columns.FirstOrDefault(c => string.Equals(c.Column, column, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One model to analyze: its compiled SQL and, optionally, its own output column names (catalog order).</summary>
public sealed record LineageRequest(string Sql, IReadOnlyList<string>? OutputColumns = null);

internal sealed record OutputColumn(string Name, IReadOnlyList<ColumnOrigin> Origins)
{
    /// <summary>Row filters and join keys (see <see cref="ColumnLineage.FilteredBy"/>).</summary>
    public IReadOnlyList<ColumnOrigin> Filters { get; init; } = [];
}

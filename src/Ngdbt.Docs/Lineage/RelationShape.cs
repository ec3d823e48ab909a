namespace Ngdbt.Docs.Lineage;

/// <summary>The columns a FROM item exposes, each with its upstream origins.</summary>
internal sealed class RelationShape
{
    private RelationShape(string? baseUniqueId, IReadOnlyList<OutputColumn>? columns)
    {
        BaseUniqueId = baseUniqueId;
        Columns = columns;
    }

    /// <summary>Known physical relation (for qualified references when its columns are unknown).</summary>
    public string? BaseUniqueId { get; }

    /// <summary>Ordered output columns, or null when unknown.</summary>
    public IReadOnlyList<OutputColumn>? Columns { get; }

    public static RelationShape Unknown { get; } = new(null, null);

    public static RelationShape Derived(IReadOnlyList<OutputColumn> columns) => new(null, columns);

    public static RelationShape Base(KnownRelation relation) => relation.Columns.Count == 0
        ? new RelationShape(relation.UniqueId, null)
        : new RelationShape(relation.UniqueId,
            relation.Columns.Select(c => new OutputColumn(c, [new ColumnOrigin(relation.UniqueId, c)])).ToList());

    public RelationShape Renamed(IReadOnlyList<string> aliases)
    {
        if (aliases.Count == 0 || Columns is null) return this;
        var renamed = Columns.Select((c, i) => i < aliases.Count ? c with { Name = aliases[i] } : c).ToList();
        return new RelationShape(BaseUniqueId, renamed);
    }

    /// <summary>True = has it (origins set); false = definitely not; null = unknown columns.</summary>
    public bool? TryLookup(string column, bool qualified, out IReadOnlyList<ColumnOrigin> origins)
    {
        origins = [];
        if (Columns is not null)
        {
            var hit = Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
            if (hit is null) return false;
            origins = hit.Origins;
            return true;
        }
        if (BaseUniqueId is not null && qualified)
        {
            origins = [new ColumnOrigin(BaseUniqueId, column)];
            return true;
        }
        return null;
    }

    public IReadOnlyList<ColumnOrigin> WhenOnlyCandidate(string column) =>
        BaseUniqueId is null ? [] : [new ColumnOrigin(BaseUniqueId, column)];
}

namespace Ngdbt.Docs.Lineage;

/// <summary>Name resolution for one SELECT: its FROM items, CTEs in reach, and the enclosing scope (correlation).</summary>
internal sealed class QueryScope(QueryScope? parent, CteScope ctes)
{
    public QueryScope? Parent { get; } = parent;
    public CteScope Ctes { get; } = ctes;
    public List<(string Alias, RelationShape Shape)> Sources { get; } = [];
    public HashSet<string> UsingColumns { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<System.Text.Json.JsonElement> JoinConditions { get; } = [];
    public List<OutputColumn> SelectAliases { get; } = [];

    public RelationShape? SourceByAlias(string alias) =>
        Sources.LastOrDefault(s => string.Equals(s.Alias, alias, StringComparison.OrdinalIgnoreCase)).Shape;

    public IReadOnlyList<ColumnOrigin> Resolve(IReadOnlyList<string> names)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            var found = scope.ResolveLocal(names);
            if (found is not null) return found;
        }
        return [];
    }

    private IReadOnlyList<ColumnOrigin>? ResolveLocal(IReadOnlyList<string> names)
    {
        if (names.Count >= 2)
        {
            // alias.column, or schema.table.column (match the table part), else struct access col.field
            var shape = SourceByAlias(names[^2]);
            if (shape is not null)
                return shape.TryLookup(names[^1], qualified: true, out var q) == true ? q : [];
        }
        return ResolveUnqualified(names[0]);
    }

    private IReadOnlyList<ColumnOrigin>? ResolveUnqualified(string column)
    {
        var definite = new List<IReadOnlyList<ColumnOrigin>>();
        var unknown = new List<RelationShape>();
        foreach (var (_, shape) in Sources)
        {
            switch (shape.TryLookup(column, qualified: false, out var origins))
            {
                case true: definite.Add(origins); break;
                case null: unknown.Add(shape); break;
            }
        }
        if (definite.Count == 1 && unknown.Count == 0) return definite[0];
        if (definite.Count > 1 && unknown.Count == 0 && UsingColumns.Contains(column))
            return definite.SelectMany(d => d).Distinct().ToList();
        if (definite.Count == 0 && unknown.Count == 1) return unknown[0].WhenOnlyCandidate(column);
        if (definite.Count > 1 || unknown.Count > 1) return []; // ambiguous: no guess

        var alias = SelectAliases.LastOrDefault(a => string.Equals(a.Name, column, StringComparison.OrdinalIgnoreCase));
        return alias?.Origins; // null → try the enclosing scope
    }
}

/// <summary>CTE names visible at one point, innermost first.</summary>
internal sealed class CteScope(CteScope? parent)
{
    private readonly Dictionary<string, RelationShape> _map = new(StringComparer.OrdinalIgnoreCase);
    private readonly CteScope? _parent = parent;

    public void Add(string name, RelationShape shape) => _map[name] = shape;

    public RelationShape? Find(string name)
    {
        for (var s = this; s is not null; s = s._parent)
            if (s._map.TryGetValue(name, out var shape)) return shape;
        return null;
    }
}

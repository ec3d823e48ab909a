using Ngdbt.Graph;
using Ngdbt.Manifest;

namespace Ngdbt.Select;

/// <summary>
/// The graph selectors walk: the project's DAG plus its exposures, metrics and semantic models as leaves downstream of
/// what they depend on (as dbt's selector graph and the docs lineage have them). They are never built; `+exposure:x`
/// selects what feeds it, `stg_x+` reaches the exposures that use it.
/// </summary>
internal sealed class SelectionGraph
{
    private readonly Dag _dag;
    private readonly Dictionary<string, DeclaredNode> _declared;
    private readonly Dictionary<string, List<string>> _declaredChildren = new(StringComparer.Ordinal);

    public SelectionGraph(ProjectManifest manifest, Dag dag)
    {
        _dag = dag;
        var declared = manifest.DeclaredNodes;
        _declared = declared.ToDictionary(d => d.UniqueId, StringComparer.Ordinal);
        foreach (var d in declared)
        {
            foreach (var parent in d.DependsOn)
            {
                if (!_declaredChildren.TryGetValue(parent, out var children))
                {
                    _declaredChildren[parent] = children = [];
                }

                children.Add(d.UniqueId);
            }
        }
    }

    public IReadOnlyCollection<DeclaredNode> Declared => _declared.Values;

    public bool IsDeclared(string id) => _declared.ContainsKey(id);

    public HashSet<string> Ancestors(string id, int? depth = null) => Dag.Walk(id, depth, Parents);

    public HashSet<string> Descendants(string id, int? depth = null) => Dag.Walk(id, depth, Children);

    private IEnumerable<string> Parents(string id) =>
        _declared.TryGetValue(id, out var d) ? d.DependsOn : _dag.Contains(id) ? _dag.Parents(id) : [];

    private IEnumerable<string> Children(string id) =>
        (_dag.Contains(id) ? _dag.Children(id) : []).Concat(_declaredChildren.GetValueOrDefault(id) ?? []);
}

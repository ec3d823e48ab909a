namespace Ngdbt.State;

/// <summary>The current project's state against a previous one (`--state DIR`): the sets dbt's `state:` selector
/// method names. A node new since the state counts as modified in every respect; a node of the state that is gone is
/// listed in <see cref="Deleted"/> (it cannot be selected, but it is reported).</summary>
public sealed class StateComparison(ProjectState previous, ProjectState current, string stateDir)
{
    /// <summary>The sub-selectors of `state:modified`, as `state:modified.&lt;name&gt;`.</summary>
    public static readonly IReadOnlyList<string> Parts = ["body", "configs", "relation", "persisted_descriptions", "contract", "macros", "vars"];

    public static readonly IReadOnlyList<string> Values = ["modified", "new", "old", "unmodified", .. Parts.Select(p => "modified." + p)];

    public ProjectState Previous { get; } = previous;

    public ProjectState Current { get; } = current;

    public string StateDir { get; } = stateDir;

    /// <summary>Sources whose newest loaded_at in this target's sources.json is newer than in the state's
    /// (`source_status:fresher`); a source measured now and not in the state counts as fresher.</summary>
    public IReadOnlySet<string> Fresher { get; init; } = new HashSet<string>();

    public IReadOnlyList<NodeState> Deleted { get; } = [.. previous.Nodes.Values.Where(n => !current.Nodes.ContainsKey(n.UniqueId)).OrderBy(n => n.UniqueId, StringComparer.Ordinal)];

    /// <summary>The ids of current nodes that `state:&lt;value&gt;` selects; null when the value is not one of <see cref="Values"/>.</summary>
    public HashSet<string>? Match(string value)
    {
        Func<NodeState, NodeState?, bool>? predicate = value switch
        {
            "new" => (_, old) => old is null,
            "old" => (_, old) => old is not null,
            "modified" => (now, old) => old is null || Parts.Any(p => Differs(p, now, old)),
            "unmodified" => (now, old) => old is not null && !Parts.Any(p => Differs(p, now, old)),
            _ when value.StartsWith("modified.", StringComparison.Ordinal) && Parts.Contains(value["modified.".Length..]) =>
                (now, old) => old is null || Differs(value["modified.".Length..], now, old),
            _ => null,
        };
        if (predicate is null)
        {
            return null;
        }

        return [.. Current.Nodes.Values.Where(n => predicate(n, Previous.Nodes.GetValueOrDefault(n.UniqueId))).Select(n => n.UniqueId)];
    }

    /// <summary>Which parts of a node changed (for messages and tests).</summary>
    public IReadOnlyList<string> Changes(string uniqueId)
        => Current.Nodes.TryGetValue(uniqueId, out var now)
            ? Previous.Nodes.TryGetValue(uniqueId, out var old) ? [.. Parts.Where(p => Differs(p, now, old))] : ["new"]
            : [];

    private static bool Differs(string part, NodeState now, NodeState old) => part switch
    {
        "body" => now.Body != old.Body,
        "configs" => now.Configs != old.Configs,
        "relation" => now.Relation != old.Relation,
        // Descriptions matter to the warehouse only where they are persisted (persist_docs), as in dbt.
        "persisted_descriptions" => (now.PersistDocs || old.PersistDocs) && now.Descriptions != old.Descriptions,
        "contract" => now.Contract != old.Contract,
        "macros" => !SameMap(now.Macros, old.Macros),
        "vars" => !SameMap(now.Vars, old.Vars),
        _ => false,
    };

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
        => a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

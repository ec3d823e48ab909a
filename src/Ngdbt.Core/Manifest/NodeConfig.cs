using System.Globalization;

namespace Ngdbt.Manifest;

/// <summary>A node's effective config, merged from project.yml folders, schema YAML and the file's own config() call.</summary>
public sealed record NodeConfig(IReadOnlyDictionary<string, object?> Values)
{
    public static readonly NodeConfig Empty = new(new Dictionary<string, object?>(StringComparer.Ordinal));

    public string Materialized => GetString("materialized") ?? "view";

    public string? Schema => GetString("schema");

    public string? Alias => GetString("alias");

    public bool Enabled => Values.TryGetValue("enabled", out var v) ? v is not false : true;

    public IReadOnlyList<string> Tags => List("tags");

    public IReadOnlyList<string> UniqueKey => List("unique_key");

    public string? IncrementalStrategy => GetString("incremental_strategy");

    public string Severity => (GetString("severity") ?? "error").ToLowerInvariant();

    /// <summary>SQL run inside the node's transaction before it is built (dbt's pre-hook), rendered like the model.</summary>
    public IReadOnlyList<string> PreHooks => List("pre_hook");

    /// <summary>SQL run inside the node's transaction after it is built and before it commits (dbt's post-hook).</summary>
    public IReadOnlyList<string> PostHooks => List("post_hook");

    public bool StoreFailures => Values.TryGetValue("store_failures", out var v) && v is true;

    public bool ContractEnforced => Values.TryGetValue("contract", out var c) && c is IReadOnlyDictionary<string, object?> d && d.TryGetValue("enforced", out var e) && e is true;

    public string? GetString(string key) => Values.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    public IReadOnlyList<string> List(string key) => Values.TryGetValue(key, out var v) ? v switch
    {
        null => [],
        string s => [s],
        IEnumerable<object?> items => [.. items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? string.Empty)],
        _ => [Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty],
    }
    : [];

    /// <summary>Merges layers, later winning; tags accumulate as in dbt.</summary>
    public static NodeConfig Merge(IEnumerable<IReadOnlyDictionary<string, object?>> layers)
    {
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        var tags = new List<string>();
        var hooks = new Dictionary<string, List<object?>>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var (k, v) in layer)
            {
                if (k is "pre_hook" or "post_hook")
                {
                    // Hooks accumulate, outer layers first (project.yml folders, then schema YAML, then the model), as in dbt.
                    if (!hooks.TryGetValue(k, out var list))
                    {
                        hooks[k] = list = [];
                    }

                    list.AddRange(new NodeConfig(layer).List(k));
                }
                else if (k == "tags")
                {
                    tags.AddRange(new NodeConfig(layer).Tags.Where(t => !tags.Contains(t)));
                }
                else if (k == "meta" && merged.TryGetValue("meta", out var existing) && existing is IReadOnlyDictionary<string, object?> a && v is IReadOnlyDictionary<string, object?> b)
                {
                    var m = new Dictionary<string, object?>(a, StringComparer.Ordinal);
                    foreach (var (mk, mv) in b)
                    {
                        m[mk] = mv;
                    }

                    merged["meta"] = m;
                }
                else
                {
                    merged[k] = v;
                }
            }
        }

        if (tags.Count > 0)
        {
            merged["tags"] = tags.Cast<object?>().ToList();
        }

        foreach (var (k, list) in hooks)
        {
            merged[k] = list;
        }

        return new NodeConfig(merged);
    }
}

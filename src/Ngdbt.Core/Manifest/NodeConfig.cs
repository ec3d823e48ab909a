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
        foreach (var layer in layers)
        {
            foreach (var (k, v) in layer)
            {
                if (k == "tags")
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

        return new NodeConfig(merged);
    }
}

using Ngdbt.Manifest;

namespace Ngdbt.Templating.Jinja;

/// <summary>dbt's `model` and `graph` context variables, built from the manifest's nodes.</summary>
internal static class JinjaGraph
{
    public static IReadOnlyDictionary<string, object?> Build(ProjectManifest manifest)
    {
        var nodes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var sources = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values.OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            (node.ResourceType == ResourceType.Source ? sources : nodes)[node.UniqueId] = NodeObject(node);
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["nodes"] = nodes,
            ["sources"] = sources,
            ["exposures"] = new Dictionary<string, object?>(),
            ["metrics"] = new Dictionary<string, object?>(),
            ["groups"] = new Dictionary<string, object?>(),
            ["semantic_models"] = new Dictionary<string, object?>(),
            ["saved_queries"] = new Dictionary<string, object?>(),
        };
    }

    public static Dictionary<string, object?> NodeObject(Node node) => new(StringComparer.Ordinal)
    {
        ["unique_id"] = node.UniqueId,
        ["name"] = node.Name,
        ["resource_type"] = node.ResourceType switch { ResourceType.UnitTest => "unit_test", var t => t.ToString().ToLowerInvariant() },
        ["package_name"] = node.PackageName,
        ["path"] = node.PathInResourceDir,
        ["original_file_path"] = node.FilePath,
        ["schema"] = node.Schema,
        ["database"] = null,
        ["alias"] = node.Identifier,
        ["identifier"] = node.Identifier,
        ["source_name"] = node.SourceName,
        ["description"] = node.Description,
        ["tags"] = node.Tags.Cast<object?>().ToList(),
        ["fqn"] = node.Fqn.Cast<object?>().ToList(),
        ["config"] = node.Config.Values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        ["columns"] = node.Columns.ToDictionary(c => c.Name, c => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = c.Name, ["description"] = c.Description, ["data_type"] = c.DataType }, StringComparer.Ordinal),
        ["depends_on"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["nodes"] = node.DependsOn.Cast<object?>().ToList(), ["macros"] = node.DependsOnMacros.Cast<object?>().ToList() },
        ["raw_code"] = node.RawCode,
        ["raw_sql"] = node.RawCode,
    };
}

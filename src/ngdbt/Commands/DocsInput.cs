using Ngdbt.Artifacts;
using Ngdbt.Compile;
using Ngdbt.Docs.Artifacts;
using Ngdbt.Manifest;

namespace Ngdbt.Cli.Commands;

/// <summary>
/// Hands the engine's manifest to the docs stage in memory, field for field what manifest.json holds (the docs stage
/// never references the engine). Saves re-reading and re-parsing the 24 MB file at 10,000 models; a functional test
/// checks this view equals the one read back from manifest.json.
/// </summary>
internal static class DocsInput
{
    public static DocsManifest From(ProjectManifest manifest, IReadOnlyDictionary<string, CompiledNode> compiled, Func<Node, string> relationName, string version, DateTime generatedAt)
    {
        var engineNodes = manifest.Nodes.Values
            .Where(n => n.ResourceType is not ResourceType.UnitTest)
            .OrderBy(n => n.ResourceType == ResourceType.Source)
            .ThenBy(n => n.UniqueId, StringComparer.Ordinal)
            .ToArray();
        var declared = manifest.DeclaredNodes;
        var nodes = new DocNode[engineNodes.Length + manifest.Macros.Count + declared.Count];
        Parallel.For(0, engineNodes.Length, i => nodes[i] = Map(engineNodes[i], compiled.GetValueOrDefault(engineNodes[i].UniqueId), relationName));
        var k = engineNodes.Length;
        foreach (var macro in manifest.Macros.Values.OrderBy(m => m.UniqueId, StringComparer.Ordinal))
        {
            nodes[k++] = new DocNode(macro.UniqueId, "macro", macro.Name, manifest.ProjectName, macro.FilePath, "", null, "", [],
                "{}", null, [], [], macro.Sql, null);
        }

        foreach (var d in declared)
        {
            nodes[k++] = Map(d, manifest.ProjectName);
        }

        return new DocsManifest(manifest.ProjectName, ArtifactWriter.Timestamp(generatedAt), ArtifactWriter.GeneratorLabel(version), nodes);
    }

    /// <summary>An exposure, metric or semantic model, as manifest.json writes it (ArtifactWriter.Declared.cs).</summary>
    private static DocNode Map(DeclaredNode d, string project) =>
        new(d.UniqueId, d.ResourceType, d.Name, project, d.Declared.Span.File, "", null, d.Declared.Description ?? string.Empty, [],
            "{}", null, [], d.DependsOn, null, null)
        {
            MetaJson = d.ResourceType == "exposure" ? ArtifactWriter.ExposureMetaJson(d) : "{}",
            OwnerName = d.ResourceType == "exposure" ? d.Owner?.Name : null,
            OwnerEmail = d.ResourceType == "exposure" ? d.Owner?.Email : null,
            ExposureType = d.ResourceType == "exposure" ? ArtifactWriter.ExposureType(d) : null,
            Url = d.ResourceType == "exposure" ? d.Text("url") : null,
            Maturity = d.ResourceType == "exposure" && d.Text("maturity") is "low" or "medium" or "high" ? d.Text("maturity") : null,
            Label = d.ResourceType == "semantic_model" || d.ResourceType == "exposure" ? d.Text("label") : d.Text("label") ?? d.Name,
        };

    private static DocNode Map(Node node, CompiledNode? compiled, Func<Node, string> relationName) =>
        new(
            node.UniqueId,
            ArtifactWriter.TypeName(node.ResourceType),
            node.Name,
            node.PackageName,
            node.FilePath,
            node.Schema,
            node.IsRelation ? relationName(node) : null,
            node.Description,
            node.Columns.Select(c => new DocColumn(c.Name, c.Description ?? string.Empty, c.DataType, [])).ToList(),
            ArtifactWriter.ConfigJson(node),
            node.Config.Values.GetValueOrDefault("materialized") as string,
            node.Tags,
            node.DependsOn,
            node.ResourceType == ResourceType.Source ? null : node.RawCode, // dbt's SourceDefinition has no raw_code
            compiled?.Sql)
        {
            SourceName = node.SourceName,
            // manifest.json carries test_metadata on generic tests only (dbt's SingularTest has none).
            TestName = node.Test is { IsGeneric: true } test ? test.TestName : null,
            AttachedNode = node.Test?.AttachedNode,
            ColumnName = node.Test?.ColumnName,
            // manifest.json readers take `meta` only when it is a mapping.
            MetaJson = node.Config.Values.GetValueOrDefault("meta") is IReadOnlyDictionary<string, object?> ? ArtifactWriter.MetaJson(node) : "{}",
        };
}

using System.Text.Json;
using Ngdbt.Adapters;
using Ngdbt.Manifest;

namespace Ngdbt.Artifacts;

/// <summary>target/catalog.json (catalog v1) from the warehouse: columns with their database types, row counts where known.</summary>
public static class CatalogWriter
{
    public static string Write(ProjectManifest manifest, IReadOnlyList<CatalogEntry> catalog, string? version = null)
    {
        var path = Path.Combine(manifest.Project.TargetDir, "catalog.json");
        var byRelation = catalog.ToDictionary(c => c.Relation);
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        ArtifactWriter.WriteMetadata(w, "https://schemas.getdbt.com/dbt/catalog/v1.json", version);
        foreach (var (section, nodes) in new[]
        {
            ("nodes", manifest.Nodes.Values.Where(n => n.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot)),
            ("sources", manifest.OfType(ResourceType.Source)),
        })
        {
            w.WriteStartObject(section);
            foreach (var node in nodes.OrderBy(n => n.UniqueId, StringComparer.Ordinal))
            {
                if (!byRelation.TryGetValue(new RelationRef(node.Schema, node.Identifier), out var entry))
                {
                    continue;
                }

                w.WriteStartObject(node.UniqueId);
                w.WriteString("unique_id", node.UniqueId);
                w.WriteStartObject("metadata");
                w.WriteString("type", entry.Kind == RelationKind.View ? "VIEW" : "BASE TABLE");
                w.WriteString("schema", node.Schema);
                w.WriteString("name", node.Identifier);
                w.WriteString("database", manifest.Project.Target.Database);
                w.WriteEndObject();
                w.WriteStartObject("columns");
                var index = 1;
                foreach (var column in entry.Columns)
                {
                    w.WriteStartObject(column.Name);
                    w.WriteString("name", column.Name);
                    w.WriteString("type", column.Type);
                    w.WriteNumber("index", index++);
                    w.WriteNull("comment");
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteStartObject("stats");
                WriteStat(w, "row_count", "Row Count", entry.RowCount);
                WriteStat(w, "bytes", "Approximate Size", entry.Bytes);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteNull("errors");
        w.WriteEndObject();
        return path;
    }

    private static void WriteStat(Utf8JsonWriter w, string id, string label, long? value)
    {
        if (value is not { } v)
        {
            return;
        }

        w.WriteStartObject(id);
        w.WriteString("id", id);
        w.WriteString("label", label);
        w.WriteNumber("value", v);
        w.WriteBoolean("include", true);
        w.WriteEndObject();
    }
}

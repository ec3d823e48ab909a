using System.Globalization;
using System.Text.Json;
using Ngdbt.Compile;
using Ngdbt.Execute;
using Ngdbt.Manifest;
using Ngdbt.Select;

namespace Ngdbt.Artifacts;

/// <summary>Stage 9: target/manifest.json and target/run_results.json, shaped like dbt's (v12 / v6) so tools that read
/// dbt artifacts can read ours. Secrets from profiles.yml never appear here.</summary>
public static partial class ArtifactWriter
{
    public const string Generator = "ngdbt";

    // manifest.json is read by tools, never embedded in HTML (the docs site re-encodes what it shows), so the relaxed
    // encoder is safe here and keeps a 10,000-model manifest fast to write.
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string WriteManifest(ProjectManifest manifest, IReadOnlyDictionary<string, CompiledNode>? compiled, Func<Node, string> relationName, string? version = null, DateTime? generatedAt = null)
    {
        var path = Path.Combine(manifest.Project.TargetDir, "manifest.json");
        Directory.CreateDirectory(manifest.Project.TargetDir);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        WriteMetadata(w, "https://schemas.getdbt.com/dbt/manifest/v12.json", manifest.ProjectName, manifest.Project.Target.Type, version, generatedAt);
        w.WriteStartObject("nodes");
        foreach (var node in manifest.Nodes.Values.Where(n => n.ResourceType is not ResourceType.Source and not ResourceType.UnitTest).OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            WriteNode(w, node, compiled?.GetValueOrDefault(node.UniqueId), relationName, manifest.Project.Target.Database);
        }

        w.WriteEndObject();
        w.WriteStartObject("sources");
        foreach (var node in manifest.OfType(ResourceType.Source).OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            WriteNode(w, node, null, relationName, manifest.Project.Target.Database);
        }

        w.WriteEndObject();
        w.WriteStartObject("unit_tests");
        foreach (var node in manifest.OfType(ResourceType.UnitTest).OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            WriteNode(w, node, null, relationName, manifest.Project.Target.Database);
        }

        w.WriteEndObject();
        w.WriteStartObject("macros");
        foreach (var macro in manifest.Macros.Values.OrderBy(m => m.UniqueId, StringComparer.Ordinal))
        {
            w.WriteStartObject(macro.UniqueId);
            w.WriteString("unique_id", macro.UniqueId);
            w.WriteString("name", macro.Name);
            w.WriteString("resource_type", "macro");
            w.WriteString("package_name", manifest.ProjectName);
            w.WriteString("original_file_path", macro.FilePath);
            w.WriteString("path", macro.FilePath);
            w.WriteString("macro_sql", macro.Sql);
            w.WriteString("description", string.Empty);
            w.WriteStartArray("arguments");
            foreach (var p in macro.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", p);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        WriteMaps(w, manifest);
        w.WriteEndObject();
        return path;
    }

    private static void WriteMaps(Utf8JsonWriter w, ProjectManifest manifest)
    {
        var children = manifest.Nodes.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values)
        {
            foreach (var dep in node.DependsOn.Where(children.ContainsKey))
            {
                children[dep].Add(node.UniqueId);
            }
        }

        w.WriteStartObject("parent_map");
        foreach (var node in manifest.Nodes.Values.OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            WriteStrings(w, node.UniqueId, node.DependsOn);
        }

        w.WriteEndObject();
        w.WriteStartObject("child_map");
        foreach (var (id, list) in children.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            WriteStrings(w, id, list.Order(StringComparer.Ordinal));
        }

        w.WriteEndObject();
    }

    /// <summary>`metadata.generator` of every artifact.</summary>
    public static string GeneratorLabel(string? version) => $"{Generator} {version ?? "0.1.0"}";

    /// <summary>`metadata.generated_at` format of every artifact.</summary>
    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    internal static void WriteMetadata(Utf8JsonWriter w, string schema, string project, string adapterType, string? version, DateTime? generatedAt = null)
    {
        w.WriteStartObject("metadata");
        w.WriteString("dbt_schema_version", schema);
        w.WriteString("dbt_version", "1.9.0");
        w.WriteString("generator", GeneratorLabel(version));
        w.WriteString("generated_at", Timestamp(generatedAt ?? DateTime.UtcNow));
        w.WriteString("project_name", project);
        w.WriteString("adapter_type", adapterType);
        w.WriteEndObject();
    }

    internal static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    public static string TypeName(ResourceType type) => NodeSelector.TypeName(type);
}

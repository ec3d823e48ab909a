using System.Text.Json;
using Ngdbt.Manifest;

namespace Ngdbt.Artifacts;

public static partial class ArtifactWriter
{
    /// <summary>A source table under `sources` (dbt's SourceDefinition).</summary>
    private static void WriteSource(Utf8JsonWriter w, Node node, NodeContext ctx)
    {
        w.WriteStartObject(node.UniqueId);
        w.WriteString("database", ctx.Database);
        w.WriteString("schema", node.Schema);
        w.WriteString("name", node.Name);
        w.WriteString("resource_type", "source");
        w.WriteString("package_name", node.PackageName);
        w.WriteString("path", node.FilePath);
        w.WriteString("original_file_path", node.FilePath);
        w.WriteString("unique_id", node.UniqueId);
        WriteStrings(w, "fqn", node.Fqn);
        w.WriteString("source_name", node.SourceName);
        w.WriteString("source_description", string.Empty);
        w.WriteString("loader", string.Empty);
        w.WriteString("identifier", node.Identifier);
        w.WriteStartObject("quoting");
        w.WriteEndObject();
        w.WriteNull("loaded_at_field");
        w.WriteNull("freshness");
        w.WriteNull("external");
        w.WriteString("description", node.Description);
        WriteColumns(w, node);
        w.WritePropertyName("meta");
        WriteValue(w, MetaValues(node));
        w.WriteStartObject("source_meta");
        w.WriteEndObject();
        WriteStrings(w, "tags", node.Tags);
        w.WritePropertyName("config");
        WriteValue(w, ConfigValues(node));
        w.WriteNull("patch_path");
        w.WriteStartObject("unrendered_config");
        w.WriteEndObject();
        w.WriteString("relation_name", ctx.RelationName(node));
        w.WriteNumber("created_at", ctx.CreatedAt);
        WriteStrings(w, "doc_blocks", []);
        w.WriteEndObject();
    }

    private static void WriteMacros(Utf8JsonWriter w, ProjectManifest manifest, NodeContext ctx)
    {
        w.WriteStartObject("macros");
        foreach (var macro in manifest.Macros.Values.OrderBy(m => m.UniqueId, StringComparer.Ordinal))
        {
            w.WriteStartObject(macro.UniqueId);
            w.WriteString("name", macro.Name);
            w.WriteString("resource_type", "macro");
            w.WriteString("package_name", manifest.ProjectName);
            w.WriteString("path", macro.FilePath);
            w.WriteString("original_file_path", macro.FilePath);
            w.WriteString("unique_id", macro.UniqueId);
            w.WriteString("macro_sql", macro.Sql);
            w.WriteStartObject("depends_on");
            WriteStrings(w, "macros", []);
            w.WriteEndObject();
            w.WriteString("description", string.Empty);
            w.WriteStartObject("meta");
            w.WriteEndObject();
            WriteDocs(w);
            w.WriteNull("patch_path");
            w.WriteStartArray("arguments");
            foreach (var p in macro.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", p);
                w.WriteNull("type");
                w.WriteString("description", string.Empty);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("created_at", ctx.CreatedAt);
            w.WriteNull("supported_languages");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>A unit test under `unit_tests` (dbt's UnitTestDefinition): its model, given inputs and expected rows.</summary>
    private static void WriteUnitTest(Utf8JsonWriter w, Node node, NodeContext ctx)
    {
        var spec = node.UnitTest!;
        w.WriteStartObject(node.UniqueId);
        w.WriteString("model", spec.Model);
        w.WriteStartArray("given");
        foreach (var input in spec.Given)
        {
            w.WriteStartObject();
            w.WriteString("input", input.Input);
            WriteRows(w, input.Rows);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("expect");
        WriteRows(w, spec.Expect);
        w.WriteEndObject();
        w.WriteString("name", node.Name);
        w.WriteString("resource_type", "unit_test");
        w.WriteString("package_name", node.PackageName);
        w.WriteString("path", node.PathInResourceDir);
        w.WriteString("original_file_path", node.FilePath);
        w.WriteString("unique_id", node.UniqueId);
        WriteStrings(w, "fqn", node.Fqn);
        w.WriteString("description", node.Description);
        var overrides = spec.Overrides.Where(kv => kv.Key is "macros" or "vars" or "env_vars" && kv.Value is IReadOnlyDictionary<string, object?>).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        w.WritePropertyName("overrides");
        WriteValue(w, overrides.Count == 0 ? null : overrides);
        w.WriteStartObject("depends_on");
        WriteStrings(w, "macros", node.DependsOnMacros);
        WriteStrings(w, "nodes", node.DependsOn);
        w.WriteEndObject();
        w.WriteStartObject("config");
        WriteStrings(w, "tags", node.Tags);
        w.WritePropertyName("meta");
        WriteValue(w, MetaValues(node));
        w.WriteBoolean("enabled", node.Config.Enabled);
        w.WriteEndObject();
        w.WriteString("checksum", ctx.Checksums.Sha256(node.FilePath));
        w.WriteString("schema", node.Schema);
        w.WriteNumber("created_at", ctx.CreatedAt);
        w.WriteNull("versions");
        w.WriteNull("version");
        w.WriteEndObject();
    }

    private static void WriteRows(Utf8JsonWriter w, UnitTestRows rows)
    {
        w.WritePropertyName("rows");
        WriteValue(w, rows.Rows.Cast<object?>().ToList());
        w.WriteString("format", "dict");
        w.WriteNull("fixture");
    }
}

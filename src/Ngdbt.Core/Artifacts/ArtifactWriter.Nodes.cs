using System.Text.Json;
using Ngdbt.Compile;
using Ngdbt.Manifest;

namespace Ngdbt.Artifacts;

public static partial class ArtifactWriter
{
    /// <summary>What every node entry needs besides the node: relation names, file checksums, the database name.</summary>
    private sealed record NodeContext(ProjectManifest Manifest, Func<Node, string> RelationName, FileChecksums Checksums, decimal CreatedAt)
    {
        public string Database => Manifest.Project.Target.Database;
    }

    /// <summary>The value of a model, seed, snapshot or data test under `nodes` (the caller writes its key), with the keys dbt's schema allows for its type
    /// (Model / Seed / Snapshot / SingularTest / GenericTest; unknown keys are rejected there).</summary>
    private static void WriteNode(Utf8JsonWriter w, Node node, CompiledNode? compiled, NodeContext ctx)
    {
        var generic = node.Test is { IsGeneric: true };
        w.WriteStartObject();
        w.WriteString("database", ctx.Database);
        w.WriteString("schema", node.Schema);
        w.WriteString("name", node.Name);
        w.WriteString("resource_type", TypeName(node.ResourceType));
        w.WriteString("package_name", node.PackageName);
        // dbt's `path` of a generic test is the compiled file's name; original_file_path is the YAML file.
        w.WriteString("path", generic ? node.Identifier + ".sql" : node.PathInResourceDir);
        w.WriteString("original_file_path", node.FilePath);
        w.WriteString("unique_id", node.UniqueId);
        WriteStrings(w, "fqn", node.Fqn);
        w.WriteString("alias", node.Identifier);
        ctx.Checksums.Write(w, generic ? null : node.FilePath);
        w.WritePropertyName("config");
        WriteValue(w, ConfigValues(node));
        WriteStrings(w, "tags", node.Tags);
        w.WriteString("description", node.Description);
        WriteColumns(w, node);
        w.WritePropertyName("meta");
        WriteValue(w, MetaValues(node));
        WriteDocs(w);
        w.WriteNull("patch_path");
        w.WriteStartObject("unrendered_config");
        w.WriteEndObject();
        w.WriteNumber("created_at", ctx.CreatedAt);
        w.WriteString("relation_name", node.IsRelation ? ctx.RelationName(node) : null);
        w.WriteString("raw_code", node.RawCode);
        WriteStrings(w, "doc_blocks", []);
        if (node.ResourceType == ResourceType.Seed)
        {
            w.WriteNull("root_path");
            w.WriteStartObject("depends_on");
            WriteStrings(w, "macros", node.DependsOnMacros);
            w.WriteEndObject();
            w.WriteEndObject();
            return;
        }

        w.WriteString("language", "sql");
        WriteRefsAndSources(w, node);
        w.WriteStartObject("depends_on");
        WriteStrings(w, "macros", node.DependsOnMacros);
        WriteStrings(w, "nodes", node.DependsOn);
        w.WriteEndObject();
        w.WriteBoolean("compiled", compiled is not null);
        w.WriteString("compiled_code", compiled?.Sql);
        w.WriteBoolean("extra_ctes_injected", compiled is not null);
        w.WriteStartArray("extra_ctes");
        w.WriteEndArray();
        w.WriteStartObject("contract");
        w.WriteBoolean("enforced", node.Config.ContractEnforced);
        w.WriteBoolean("alias_types", true);
        w.WriteNull("checksum");
        w.WriteEndObject();
        if (node.ResourceType == ResourceType.Model)
        {
            w.WriteString("access", "protected");
            w.WriteStartArray("constraints");
            w.WriteEndArray();
            w.WriteNull("version");
            w.WriteNull("latest_version");
        }

        if (node.Test is { IsGeneric: true } test)
        {
            WriteTestMetadata(w, test, ctx.Manifest);
            w.WriteString("column_name", test.ColumnName);
            w.WriteString("attached_node", test.AttachedNode);
            w.WriteString("file_key_name", FileKeyName(test, ctx.Manifest));
        }

        w.WriteEndObject();
    }

    private static void WriteColumns(Utf8JsonWriter w, Node node)
    {
        w.WriteStartObject("columns");
        foreach (var c in node.Columns)
        {
            w.WriteStartObject(c.Name);
            w.WriteString("name", c.Name);
            w.WriteString("description", c.Description ?? string.Empty);
            w.WritePropertyName("meta");
            WriteValue(w, c.Meta);
            w.WriteString("data_type", c.DataType);
            w.WriteStartArray("constraints");
            w.WriteEndArray();
            w.WriteNull("quote");
            WriteStrings(w, "tags", []);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteDocs(Utf8JsonWriter w)
    {
        w.WriteStartObject("docs");
        w.WriteBoolean("show", true);
        w.WriteNull("node_color");
        w.WriteEndObject();
    }

    private static void WriteRefsAndSources(Utf8JsonWriter w, Node node)
    {
        w.WriteStartArray("refs");
        foreach (var r in node.Template?.Refs ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            w.WriteNull("package");
            w.WriteNull("version");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("sources");
        foreach (var s in node.Template?.Sources ?? [])
        {
            w.WriteStartArray();
            w.WriteStringValue(s.SourceName);
            w.WriteStringValue(s.TableName);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("metrics");
        w.WriteEndArray();
    }

    /// <summary>`test_metadata` as dbt writes it: the test's name, its namespace, and its keyword arguments with
    /// `column_name` and `model` (the templated relation the test runs against).</summary>
    private static void WriteTestMetadata(Utf8JsonWriter w, TestInfo test, ProjectManifest manifest)
    {
        var target = test.AttachedNode is null ? null : manifest.Nodes.GetValueOrDefault(test.AttachedNode);
        var kwargs = target is null
            ? test.Args
            : test.Kwargs ?? DbtTestNames.Compute(test.TestName, target.Name, target.ResourceType == ResourceType.Source ? target.SourceName : null, test.ColumnName, test.Args).Kwargs;
        w.WriteStartObject("test_metadata");
        w.WriteString("name", test.TestName);
        w.WritePropertyName("kwargs");
        WriteValue(w, kwargs);
        w.WriteNull("namespace");
        w.WriteEndObject();
    }

    /// <summary>dbt's `file_key_name`: the YAML section and entry the test was declared under.</summary>
    private static string? FileKeyName(TestInfo test, ProjectManifest manifest) =>
        test.AttachedNode is { } id && manifest.Nodes.GetValueOrDefault(id) is { } target
            ? target.ResourceType switch
            {
                ResourceType.Source => $"sources.{target.SourceName}",
                ResourceType.Seed => $"seeds.{target.Name}",
                ResourceType.Snapshot => $"snapshots.{target.Name}",
                _ => $"models.{target.Name}",
            }
            : null;
}

using System.Globalization;
using System.Text.Json;
using Ngdbt.Compile;
using Ngdbt.Manifest;
using Ngdbt.Select;

namespace Ngdbt.Artifacts;

/// <summary>Stage 9: target/manifest.json and target/run_results.json in dbt's shapes (manifest v12, run-results v6),
/// valid against dbt's published JSON schemas, so tools that read dbt artifacts read ours. Secrets from profiles.yml
/// never appear here.</summary>
public static partial class ArtifactWriter
{
    public const string Generator = "ngdbt";

    /// <summary>The dbt version our artifacts declare (the dbt release whose artifact schemas they follow).</summary>
    public const string DbtVersion = "1.9.0";

    public const string ManifestFileName = "manifest.json";

    /// <summary>One id per process, written as `metadata.invocation_id` of every artifact it writes (dbt writes one per
    /// invocation; the artifacts of one CLI run share it).</summary>
    public static readonly string InvocationId = Guid.NewGuid().ToString();

    // manifest.json is read by tools, never embedded in HTML (the docs site re-encodes what it shows), so the relaxed
    // encoder is safe here and keeps a 10,000-model manifest fast to write.
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string WriteManifest(ProjectManifest manifest, IReadOnlyDictionary<string, CompiledNode>? compiled, Func<Node, string> relationName, string? version = null, DateTime? generatedAt = null)
    {
        var path = Path.Combine(manifest.Project.TargetDir, ManifestFileName);
        var at = generatedAt ?? DateTime.UtcNow;
        var ctx = new NodeContext(manifest, relationName, new FileChecksums(manifest.Project), UnixSeconds(at));
        // Written to a twin and moved into place (it streams out as it is serialized): a reader never sees half a
        // manifest, and a write that fails leaves the last one whole.
        ReplacedFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, Options);
            w.WriteStartObject();
            WriteManifestMetadata(w, manifest, version, at);
            w.WriteStartObject("nodes");
            var nodes = manifest.Nodes.Values.Where(n => n.ResourceType is not ResourceType.Source and not ResourceType.UnitTest).OrderBy(n => n.UniqueId, StringComparer.Ordinal).ToList();
            ParallelJson.WriteEntries(w, nodes, n => n.UniqueId, (writer, node) => WriteNode(writer, node, compiled?.GetValueOrDefault(node.UniqueId), ctx), Options);

            w.WriteEndObject();
            WriteResources(w, "sources", manifest, ResourceType.Source, ctx, WriteSource);
            WriteMacros(w, manifest, ctx);
            WriteDeclared(w, manifest, ctx);
            foreach (var empty in new[] { "docs", "groups", "selectors", "disabled", "group_map", "saved_queries" })
            {
                w.WriteStartObject(empty);
                w.WriteEndObject();
            }

            WriteResources(w, "unit_tests", manifest, ResourceType.UnitTest, ctx, WriteUnitTest);
            WriteMaps(w, manifest);
            w.WriteEndObject();
        });
        return path;
    }

    /// <summary>The object <paramref name="name"/>: every node of <paramref name="type"/> by id, in id order.</summary>
    private static void WriteResources(Utf8JsonWriter w, string name, ProjectManifest manifest, ResourceType type, NodeContext ctx, Action<Utf8JsonWriter, Node, NodeContext> write)
    {
        w.WriteStartObject(name);
        foreach (var node in manifest.OfType(type).OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            write(w, node, ctx);
            w.FlushWhenFull();
        }

        w.WriteEndObject();
    }

    private static void WriteMaps(Utf8JsonWriter w, ProjectManifest manifest)
    {
        var children = manifest.Nodes.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values)
        {
            foreach (var dep in node.DependsOn.Where(id => children.ContainsKey(id)))
            {
                children[dep].Add(node.UniqueId);
            }
        }

        w.WriteStartObject("parent_map");
        foreach (var node in manifest.Nodes.Values.OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            WriteStrings(w, node.UniqueId, node.DependsOn);
            w.FlushWhenFull();
        }

        w.WriteEndObject();
        w.WriteStartObject("child_map");
        foreach (var (id, list) in children.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            WriteStrings(w, id, OrdinalSort.Sorted(list));
            w.FlushWhenFull();
        }

        w.WriteEndObject();
    }

    /// <summary>Who wrote an artifact: `metadata.env.generator` (dbt's metadata objects admit no other key of ours).</summary>
    public static string GeneratorLabel(string? version) => $"{Generator} {version ?? "0.1.0"}";

    /// <summary>`metadata.generated_at` format of every artifact.</summary>
    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private static decimal UnixSeconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() / 1000m;

    private static void WriteManifestMetadata(Utf8JsonWriter w, ProjectManifest manifest, string? version, DateTime at)
    {
        WriteMetadataStart(w, "https://schemas.getdbt.com/dbt/manifest/v12.json", version, at);
        w.WriteString("project_name", manifest.ProjectName);
        w.WriteString("project_id", Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(manifest.ProjectName))));
        w.WriteNull("user_id");
        w.WriteBoolean("send_anonymous_usage_stats", false);
        w.WriteString("adapter_type", manifest.Project.Target.Type);
        w.WriteString("run_started_at", Timestamp(at));
        w.WriteEndObject();
    }

    /// <summary>The keys every artifact's metadata shares (dbt's BaseArtifactMetadata); the caller closes the object.</summary>
    internal static void WriteMetadataStart(Utf8JsonWriter w, string schema, string? version, DateTime? generatedAt)
    {
        w.WriteStartObject("metadata");
        w.WriteString("dbt_schema_version", schema);
        w.WriteString("dbt_version", DbtVersion);
        w.WriteString("generated_at", Timestamp(generatedAt ?? DateTime.UtcNow));
        w.WriteString("invocation_id", InvocationId);
        w.WriteStartObject("env");
        w.WriteString("generator", GeneratorLabel(version));
        w.WriteEndObject();
    }

    internal static void WriteMetadata(Utf8JsonWriter w, string schema, string? version, DateTime? generatedAt = null)
    {
        WriteMetadataStart(w, schema, version, generatedAt);
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

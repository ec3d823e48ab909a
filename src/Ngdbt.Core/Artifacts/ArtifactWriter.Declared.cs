using System.Text.Json;
using Ngdbt.Manifest;

namespace Ngdbt.Artifacts;

public static partial class ArtifactWriter
{
    private static readonly string[] ExposureTypes = ["dashboard", "notebook", "analysis", "ml", "application"];
    private static readonly string[] MetricTypes = ["simple", "ratio", "cumulative", "derived", "conversion"];

    /// <summary>`exposures`, `metrics` and `semantic_models` of manifest v12 from schema YAML, with the keys dbt's schema
    /// allows and their dependencies resolved (<see cref="DeclaredNodes"/>); the docs site draws them in the lineage.</summary>
    private static void WriteDeclared(Utf8JsonWriter w, ProjectManifest manifest, NodeContext ctx)
    {
        var declared = manifest.DeclaredNodes;
        foreach (var (section, kind) in new[] { ("exposures", "exposure"), ("metrics", "metric"), ("semantic_models", "semantic_model") })
        {
            w.WriteStartObject(section);
            foreach (var d in declared.Where(d => d.ResourceType == kind))
            {
                w.WriteStartObject(d.UniqueId);
                w.WriteString("name", d.Name);
                w.WriteString("resource_type", kind);
                w.WriteString("package_name", manifest.ProjectName);
                w.WriteString("path", d.Declared.Span.File);
                w.WriteString("original_file_path", d.Declared.Span.File);
                w.WriteString("unique_id", d.UniqueId);
                WriteStrings(w, "fqn", [manifest.ProjectName, d.Name]);
                w.WriteString("description", d.Declared.Description ?? string.Empty);
                WriteKind(w, d, manifest);
                w.WriteStartObject("depends_on");
                WriteStrings(w, "macros", []);
                WriteStrings(w, "nodes", d.DependsOn);
                w.WriteEndObject();
                w.WriteNumber("created_at", ctx.CreatedAt);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }
    }

    /// <summary>An exposure's `type`: dbt's schema admits its five types only; another spelling is written as
    /// `application` and kept in meta as `type`, never dropped.</summary>
    public static string ExposureType(DeclaredNode d) => d.Text("type") is { } type && ExposureTypes.Contains(type) ? type : "application";

    /// <summary>The exposure's `meta` object exactly as manifest.json writes it.</summary>
    public static string ExposureMetaJson(DeclaredNode d) => ToJson(ExposureMeta(d));

    private static object ExposureMeta(DeclaredNode d)
    {
        var meta = d.Declared.Properties.GetValueOrDefault("meta") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
        return d.Text("type") is { } type && !ExposureTypes.Contains(type) ? new Dictionary<string, object?>(meta, StringComparer.Ordinal) { ["type"] = type } : meta;
    }

    private static void WriteKind(Utf8JsonWriter w, DeclaredNode d, ProjectManifest manifest)
    {
        switch (d.ResourceType)
        {
            case "exposure":
                w.WriteString("type", ExposureType(d));
                w.WriteStartObject("owner");
                w.WriteString("name", d.Owner?.Name);
                w.WriteString("email", d.Owner?.Email);
                w.WriteEndObject();
                w.WriteString("label", d.Text("label"));
                w.WriteString("maturity", d.Text("maturity") is "low" or "medium" or "high" ? d.Text("maturity") : null);
                w.WriteString("url", d.Text("url"));
                w.WritePropertyName("meta");
                WriteValue(w, ExposureMeta(d));
                break;
            case "metric":
                w.WriteString("label", d.Text("label") ?? d.Name);
                w.WriteString("type", MetricTypes.Contains(d.Text("type")) ? d.Text("type") : "simple");
                w.WriteStartObject("type_params");
                w.WriteEndObject();
                break;
            default:
                var model = d.DependsOn.Select(id => manifest.Nodes.GetValueOrDefault(id)).FirstOrDefault(n => n is not null);
                w.WriteString("model", d.Text("model") ?? string.Empty);
                if (model is null)
                {
                    w.WriteNull("node_relation");
                }
                else
                {
                    w.WriteStartObject("node_relation");
                    w.WriteString("alias", model.Identifier);
                    w.WriteString("schema_name", model.Schema);
                    w.WriteEndObject();
                }

                w.WriteString("label", d.Text("label"));
                break;
        }
    }
}

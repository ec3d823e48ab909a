using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Ngdbt.Tests.Support;

/// <summary>dbt's published artifact schemas (vendored under Fixtures/dbt-schemas, Apache-2.0) and a validator
/// that lists every violation of an artifact as `instance location: message`.</summary>
internal static class DbtSchemas
{
    public const string Manifest = "manifest-v12.json";
    public const string RunResults = "run-results-v6.json";
    public const string Catalog = "catalog-v1.json";
    public const string Sources = "sources-v3.json";

    private static readonly ConcurrentDictionary<string, JsonSchema> Loaded = new(StringComparer.Ordinal);

    /// <summary>The errors of the artifact at <paramref name="artifactPath"/> against <paramref name="schemaFile"/>;
    /// empty when it validates.</summary>
    public static IReadOnlyList<string> Errors(string schemaFile, string artifactPath)
    {
        var schema = Loaded.GetOrAdd(schemaFile, f => JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dbt-schemas", f))));
        var instance = JsonNode.Parse(File.ReadAllText(artifactPath));
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = result.Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid (no detail reported)"];
    }
}

using System.Text.Json;
using Ngdbt.Compile;
using Ngdbt.Execute;
using Ngdbt.Manifest;

namespace Ngdbt.Artifacts;

public static partial class ArtifactWriter
{
    /// <summary>target/run_results.json (run-results v6). <paramref name="compiled"/> and <paramref name="relationName"/>
    /// give each result its `compiled_code` and `relation_name` (null when not given or not applicable).
    /// <paramref name="which"/> and <paramref name="cliArgs"/> (the verb and its parsed arguments) are what `ngdbt retry`
    /// re-runs; dbt records `args.which` likewise.</summary>
    public static string WriteRunResults(
        string targetDir,
        string project,
        RunResult run,
        IReadOnlyList<string> args,
        string? version = null,
        string adapterType = "duckdb",
        IReadOnlyDictionary<string, CompiledNode>? compiled = null,
        Func<Node, string>? relationName = null,
        string? which = null,
        IReadOnlyList<string>? cliArgs = null)
    {
        Directory.CreateDirectory(targetDir);
        var path = Path.Combine(targetDir, "run_results.json");
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        WriteMetadata(w, "https://schemas.getdbt.com/dbt/run-results/v6.json", version);
        w.WriteStartArray("results");
        foreach (var r in run.Results)
        {
            var code = compiled?.GetValueOrDefault(r.Node.UniqueId)?.Sql;
            w.WriteStartObject();
            w.WriteString("unique_id", r.Node.UniqueId);
            w.WriteString("status", r.Status.ToString().ToLowerInvariant());
            w.WriteStartArray("timing");
            w.WriteEndArray();
            w.WriteString("thread_id", "Thread-1");
            w.WriteNumber("execution_time", Math.Round((decimal)r.ExecutionTime.TotalMilliseconds / 1000m, 4));
            w.WriteStartObject("adapter_response");
            if (r.RowsAffected is { } rows)
            {
                w.WriteString("_message", r.Message);
                w.WriteNumber("rows_affected", rows);
            }

            w.WriteEndObject();
            w.WriteString("message", r.Message);
            if (r.Failures is { } f)
            {
                w.WriteNumber("failures", f);
            }
            else
            {
                w.WriteNull("failures");
            }

            w.WriteBoolean("compiled", code is not null);
            w.WriteString("compiled_code", code);
            w.WriteString("relation_name", r.Node.IsRelation && r.Node.ResourceType != ResourceType.Source && relationName is not null ? relationName(r.Node) : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("elapsed_time", Math.Round((decimal)run.Elapsed.TotalMilliseconds / 1000m, 4));
        w.WriteStartObject("args");
        WriteStrings(w, "invocation", args);
        w.WriteString("project_name", project);
        w.WriteString("target_type", adapterType);
        if (which is not null)
        {
            w.WriteString("which", which);
        }

        if (cliArgs is not null)
        {
            WriteStrings(w, "ngdbt_args", cliArgs);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        return path;
    }
}
